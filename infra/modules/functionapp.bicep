// The Function App on the Flex Consumption plan (FC1, Linux), isolated .NET worker. Flex Consumption takes the
// runtime from functionAppConfig.runtime and rejects FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION as app
// settings; it deploys from a blob container, here read with the user-assigned identity.
// The app settings are exactly the names listed in infra/app-settings.json: change both together.
param name string
param planName string
param location string
param tags object
param identityName string
param storageAccountName string
param deploymentContainerName string
param signalRName string
param openAiEndpoint string
param openAiDeploymentName string
param appInsightsName string
@description('dotnet-isolated runtime version, the project\'s target framework (net10.0 -> 10.0).')
param dotnetVersion string
param maximumInstanceCount int
param instanceMemoryMB int

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource signalR 'Microsoft.SignalRService/signalR@2024-03-01' existing = {
  name: signalRName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  // azd deploy finds the app to deploy service `api` (azure.yaml) to by this tag.
  tags: union(tags, {
    'azd-service-name': 'api'
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        // Host storage, the Durable Task hub, the swarm-tasks trigger and the run log: identity-based connection.
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storage.name
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identity.properties.clientId
        }
        // No AccessKey: the app gets Entra tokens for the identity named by ClientId.
        {
          name: 'AzureSignalRConnectionString'
          value: 'Endpoint=https://${signalR.properties.hostName};AuthType=azure.msi;ClientId=${identity.properties.clientId};Version=1.0;'
        }
        {
          name: 'SWARMS_MODEL_PROVIDER'
          value: 'azure-openai'
        }
        {
          name: 'AZURE_OPENAI_ENDPOINT'
          value: openAiEndpoint
        }
        {
          name: 'AZURE_OPENAI_DEPLOYMENT'
          value: openAiDeploymentName
        }
        // DefaultAzureCredential's ManagedIdentityCredential picks the user-assigned identity from this.
        {
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        // Not a secret: with local auth off, ingestion also needs the Entra token named below.
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identity.properties.clientId};Authorization=AAD'
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
  }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
