resource site 'Microsoft.Web/sites@2022-09-01' = {
  name: 'cms-inline'
  location: 'westeurope'
  properties: {}
}

resource slot 'Microsoft.Web/sites/slots@2022-09-01' = {
  parent: site
  name: 'staging'
  location: 'westeurope'
  properties: {
    siteConfig: { alwaysOn: true }
  }
}
