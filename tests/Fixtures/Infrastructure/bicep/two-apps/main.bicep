resource cms 'Microsoft.Web/sites@2022-09-01' = {
  name: 'contoso-cms'
  location: 'westeurope'
  properties: {
    siteConfig: {
      webSocketsEnabled: false
    }
  }
}

resource api 'Microsoft.Web/sites@2022-09-01' = {
  name: 'contoso-api'
  location: 'westeurope'
  properties: {
    siteConfig: {
      webSocketsEnabled: true
    }
  }
}

resource functions 'Microsoft.Web/sites@2022-09-01' = {
  name: 'contoso-func'
  location: 'westeurope'
  kind: 'functionapp'
  properties: {}
}
