param location string = resourceGroup().location
param appName string = 'alloy-web'

resource plan 'Microsoft.Web/serverfarms@2022-09-01' existing = {
  name: 'shared-plan'
}

resource web 'Microsoft.Web/sites@2022-09-01' = {
  name: appName
  location: location
  kind: 'app'
  properties: {
    serverFarmId: plan.id
    siteConfig: {
      netFrameworkVersion: 'v4.8'
      use32BitWorkerProcess: false
    }
  }
}

resource staging 'Microsoft.Web/sites/slots@2022-09-01' = {
  parent: web
  name: 'staging'
  location: location
  properties: {
    serverFarmId: plan.id
    siteConfig: {
      webSocketsEnabled: true
    }
  }
}
