param enableWebSockets bool
param config object = {}

resource site 'Microsoft.Web/sites@2022-09-01' = {
  name: 'cms-unresolved'
  location: 'westeurope'
  properties: {
    siteConfig: {
      webSocketsEnabled: enableWebSockets
    }
  }
}

resource slot 'Microsoft.Web/sites/slots@2022-09-01' = {
  parent: site
  name: 'staging'
  location: 'westeurope'
  properties: {
    siteConfig: contains(config, 'siteConfig') ? config.siteConfig : {}
  }
}
