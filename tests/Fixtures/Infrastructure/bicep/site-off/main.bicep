@description('The CMS web app.')
param siteName string = 'contoso-cms'
param location string = resourceGroup().location

resource plan 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: '${siteName}-plan'
  location: location
  sku: {
    name: 'S1'
  }
}

resource site 'Microsoft.Web/sites@2022-09-01' = {
  name: siteName
  location: location
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      netFrameworkVersion: 'v4.8'
      #disable-next-line BCP037
      webSocketsEnabled: false // the CMS edit UI needs these
      alwaysOn: true
    }
  }

  resource staging 'slots' = {
    name: 'staging'
    location: location
    properties: {
      serverFarmId: plan.id
    }
  }
}