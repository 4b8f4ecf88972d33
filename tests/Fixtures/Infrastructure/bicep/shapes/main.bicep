param deployStaging bool = true
param siteConfig object = {
  alwaysOn: true
  webSocketsEnabled: false
}

resource legacy 'Microsoft.Web/sites@2022-09-01' existing = {
  name: 'legacy-cms'
}

#disable-next-line BCP036
resource legacyWeb 'Microsoft.Web/sites/config@2022-09-01' = {
  parent: legacy
  name: 'web'
  properties: {
    webSocketsEnabled: 'True' // as real templates write it
  }
}

resource site 'Microsoft.Web/sites@2022-09-01' = {
  name: 'cms-shapes'
  location: 'westeurope'
  properties: {
    siteConfig: siteConfig
  }
}

resource staging 'Microsoft.Web/sites/slots@2022-09-01' = if (deployStaging) {
  parent: site
  name: 'staging'
  location: 'westeurope'
  properties: {
    siteConfig: siteConfig
  }
}
