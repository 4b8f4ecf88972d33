using './main.bicep'

param environmentName = 'prod'
param webSocketsEnabled = true
