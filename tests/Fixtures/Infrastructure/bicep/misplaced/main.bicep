resource site 'Microsoft.Web/sites@2022-09-01' = {
  name: 'cms-misplaced'
  location: 'westeurope'
  properties: {
    webSocketsEnabled: true
  }
}

resource settings 'Microsoft.Web/sites/config@2022-09-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    webSocketsEnabled: 'true'
  }
}
