// Azure SignalR Service in Serverless mode: no hub server holds connections; the app negotiates for clients and
// publishes through the service's REST API. Local (access key) auth is off: the app authenticates with its
// managed identity (AuthType=azure.msi in AzureSignalRConnectionString; roles in roles.bicep).
param name string
param location string
param tags object
param sku string
param capacity int

resource signalR 'Microsoft.SignalRService/signalR@2024-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'SignalR'
  sku: {
    name: sku
    capacity: capacity
  }
  properties: {
    features: [
      {
        flag: 'ServiceMode'
        value: 'Serverless'
      }
      {
        flag: 'EnableConnectivityLogs'
        value: 'True'
      }
    ]
    disableLocalAuth: true
    disableAadAuth: false
    publicNetworkAccess: 'Enabled'
  }
}

output name string = signalR.name
output hostName string = signalR.properties.hostName
