// Azure OpenAI with one model deployment. Local (API key) auth is off: the app calls it with its managed identity
// (DefaultAzureCredential with AZURE_CLIENT_ID), which holds Cognitive Services OpenAI User (roles.bicep).
// A custom subdomain is required for Entra authentication; it also makes the endpoint https://<name>.openai.azure.com/.
param name string
param location string
param tags object
param deploymentName string
param modelName string
param modelVersion string
param deploymentSku string
param deploymentCapacity int

resource openAi 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }

  resource deployment 'deployments' = {
    name: deploymentName
    sku: {
      name: deploymentSku
      capacity: deploymentCapacity
    }
    properties: {
      model: {
        format: 'OpenAI'
        name: modelName
        version: modelVersion
      }
    }
  }
}

output name string = openAi.name
output endpoint string = openAi.properties.endpoint
output deploymentName string = openAi::deployment.name
