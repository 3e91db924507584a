// The app's storage account: the Functions host (AzureWebJobsStorage), the Durable Task hub of the Azure Storage
// provider (its queues, tables and blobs are created by the provider at start), the swarm-tasks queue and its poison
// queue, the run log table, and the container Flex Consumption deploys the app package to.
// Shared-key access is off: the host, Durable Functions (extension 2.7.0+), the queue trigger and the app's own
// clients all authenticate with the managed identity (AzureWebJobsStorage__credential = managedidentity).
param name string
param location string
param tags object
param deploymentContainerName string

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource blobs 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }
  }

  resource queues 'queueServices' = {
    name: 'default'

    // Messages {swarm, task, runId?} start one durable run each.
    resource swarmTasks 'queues' = {
      name: 'swarm-tasks'
    }

    // Where the Functions queue trigger moves a message after maxDequeueCount failed attempts (<queue>-poison).
    resource swarmTasksPoison 'queues' = {
      name: 'swarm-tasks-poison'
    }
  }

  resource tables 'tableServices' = {
    name: 'default'

    // The persisted run log: every stream event of every run, read back by /api/runs/{id}/events and subscribe.
    resource runEvents 'tables' = {
      name: 'SwarmRunEvents'
    }
  }
}

output name string = storage.name
