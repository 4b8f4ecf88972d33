var settings = {
  webSockets: false
}

resource site 'Microsoft.Web/sites@2022-09-01' = {
  name: 'cms-config-web'
  location: 'westeurope'
  properties: {}

  resource web 'config' = {
    name: 'web'
    properties: {
      webSocketsEnabled: settings.webSockets
      ftpsState: 'Disabled'
    }
  }

  resource source 'sourcecontrols' = {
    name: 'web'
    properties: {
      repoUrl: 'https://example.invalid/repo.git'
      branch: 'main'
    }
  }
}
