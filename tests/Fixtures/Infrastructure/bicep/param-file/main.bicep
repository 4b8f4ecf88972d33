@description('Web sockets for the CMS edit interface')
param webSocketsEnabled bool = false
param environmentName string

var siteName = 'cms-${environmentName}'

resource site 'Microsoft.Web/sites@2023-01-01' = {
  name: siteName
  location: 'westeurope'
  properties: {
    siteConfig: {
      webSocketsEnabled: webSocketsEnabled
    }
  }
}
