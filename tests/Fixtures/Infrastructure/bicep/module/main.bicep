targetScope = 'resourceGroup'

module web './modules/webapp.bicep' = {
  name: 'web'
  params: {
    name: 'cms'
  }
}

output url string = web.outputs.url
