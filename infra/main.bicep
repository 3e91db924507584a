// Swarms.Functions on Azure: `azd up` provisions this (subscription scope: it creates the resource group) and deploys
// src/Swarms.Functions to the Function App it tags as service `api`. Everything authenticates with one user-assigned
// managed identity; no key, connection string with a key, or other secret is set, stored or output.
// The app settings written here are the contract in infra/app-settings.json (tests/Swarms.Infra.Tests checks both).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Region for every resource (Azure OpenAI can go elsewhere, see openAiLocation). It must offer the Flex Consumption plan: az functionapp list-flexconsumption-locations.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the developer running azd (azd sets AZURE_PRINCIPAL_ID). When set, that user may call the Azure OpenAI deployment too, so the CLI can run against it locally. Empty: no developer access.')
param principalId string = ''

@description('Region of the Azure OpenAI account, for models the main region lacks. Empty: the main region.')
param openAiLocation string = ''

@description('Name of the model deployment; the app reads it as AZURE_OPENAI_DEPLOYMENT.')
param openAiDeploymentName string = 'gpt-4.1-mini'

@description('Model to deploy.')
param openAiModelName string = 'gpt-4.1-mini'

@description('Version of the model to deploy.')
param openAiModelVersion string = '2025-04-14'

@description('Deployment SKU: GlobalStandard (pay per token, routed across regions), Standard (in region), DataZoneStandard ...')
param openAiDeploymentSku string = 'GlobalStandard'

@minValue(1)
@description('Deployment capacity in thousands of tokens per minute.')
param openAiDeploymentCapacity int = 10

@allowed([
  'Free_F1'
  'Standard_S1'
  'Premium_P1'
])
@description('Azure SignalR Service tier. Free_F1 (20 connections, 20,000 messages a day) is for trying it; production wants Standard_S1 or above.')
param signalRSku string = 'Free_F1'

@minValue(1)
@description('SignalR units (Free_F1 takes 1 only).')
param signalRCapacity int = 1

@minValue(1)
@maxValue(1000)
@description('Most instances the Flex Consumption app scales out to.')
param maximumInstanceCount int = 100

@allowed([
  512
  2048
  4096
])
@description('Memory of each Flex Consumption instance, in MB.')
param instanceMemoryMB int = 2048

// The project targets net10.0 (Directory.Build.props); Flex Consumption lists dotnet-isolated 10.0 as a runtime.
var dotnetVersion = '10.0'
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var functionAppName = 'func-${resourceToken}'
// The app package container: Flex Consumption deploys by uploading the package here (identity-authenticated).
var deploymentContainerName = 'app-package-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    appInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module signalR 'modules/signalr.bicep' = {
  name: 'signalr'
  scope: rg
  params: {
    name: 'sigr-${resourceToken}'
    location: location
    tags: tags
    sku: signalRSku
    capacity: signalRCapacity
  }
}

module openAi 'modules/openai.bicep' = {
  name: 'openai'
  scope: rg
  params: {
    name: 'oai-${resourceToken}'
    location: empty(openAiLocation) ? location : openAiLocation
    tags: tags
    deploymentName: openAiDeploymentName
    modelName: openAiModelName
    modelVersion: openAiModelVersion
    deploymentSku: openAiDeploymentSku
    deploymentCapacity: openAiDeploymentCapacity
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    identityName: identity.outputs.name
    storageAccountName: storage.outputs.name
    signalRName: signalR.outputs.name
    openAiName: openAi.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    developerPrincipalId: principalId
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityName: identity.outputs.name
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    signalRName: signalR.outputs.name
    openAiEndpoint: openAi.outputs.endpoint
    openAiDeploymentName: openAi.outputs.deploymentName
    appInsightsName: monitoring.outputs.appInsightsName
    dotnetVersion: dotnetVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
  // The host starts as soon as the site exists: let it find its data-plane roles already granted.
  dependsOn: [
    roles
  ]
}

// What `azd env get-values` shows after provisioning: URLs and names only, never a key.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.uri
@description('The web dashboard, served from the app root.')
output DASHBOARD_URL string = '${functionApp.outputs.uri}/'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_SIGNALR_NAME string = signalR.outputs.name
output AZURE_OPENAI_NAME string = openAi.outputs.name
output AZURE_OPENAI_ENDPOINT string = openAi.outputs.endpoint
output AZURE_OPENAI_DEPLOYMENT string = openAi.outputs.deploymentName
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName
output AZURE_MANAGED_IDENTITY_NAME string = identity.outputs.name
