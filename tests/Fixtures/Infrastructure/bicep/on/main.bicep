param location string = resourceGroup().location

resource site 'Microsoft.Web/sites@2022-09-01' = {
  name: 'cms-on'
  location: location
  properties: {
    siteConfig: { webSocketsEnabled: true, alwaysOn: true }
  }
  resource staging 'slots' = {
    name: 'staging'
    location: location
    properties: {
      siteConfig: {
        webSocketsEnabled: true
      }
    }
  }
}
