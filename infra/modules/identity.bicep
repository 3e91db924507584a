// The one identity the app runs as: every data-plane role in roles.bicep is granted to it, and the app settings name
// its client id so the Functions host and DefaultAzureCredential pick it rather than a system-assigned identity.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
