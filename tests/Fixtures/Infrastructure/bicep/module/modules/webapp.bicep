param name string

resource site 'Microsoft.Web/sites@2022-09-01' = {
  name: name
  location: resourceGroup().location
  properties: {
    siteConfig: {
      webSocketsEnabled: true
    }
  }
}

output url string = 'https://${site.properties.defaultHostName}'
