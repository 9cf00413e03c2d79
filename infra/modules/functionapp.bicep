// The Flex Consumption plan and the function app. The app is a .NET isolated-worker app with the Durable Functions
// extension: the Functions host starts the worker (framework-dependent, on the platform's .NET 10) and hands it
// HTTP requests, queue messages, timer ticks and the task hub's orchestration and activity work items.

param planName string
param appName string
param location string
param tags object

@description('azd finds the app to deploy to by this tag.')
param serviceName string

param identityId string
param identityClientId string

param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param deploymentContainerUrl string

param applicationInsightsConnectionString string

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@allowed([512, 2048, 4096])
param instanceMemoryMB int

param taskHubName string

@secure()
param managementApiKey string

param authAuthority string
param authAudience string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

// Settings are environment variables to the host and the worker; `__` stands for the `:` of a configuration key.
// FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are deliberately absent: Flex Consumption rejects them,
// the runtime and its version come from functionAppConfig.runtime below.
var appSettings = [
  // The host (queue and timer triggers, leases, its keys), Durable Functions' Azure Storage provider (the task
  // hub's queues, tables and blobs: it reads this same AzureWebJobsStorage connection) and the app all reach
  // storage through the identity; shared keys are off on the account.
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  { name: 'AzureWebJobsStorage__blobServiceUri', value: storageBlobEndpoint }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: storageQueueEndpoint }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: storageTableEndpoint }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
  // Local auth is off on the component: telemetry is sent with an Entra token for this identity.
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
  // host.json names the task hub `%TaskHubName%`; the app reads the same setting.
  { name: 'TaskHubName', value: taskHubName }
  // The app's own management endpoints accept this key. Durable Functions' built-in API under
  // /runtime/webhooks/durabletask is the host's and takes its system key durabletask_extension instead.
  { name: 'ManagementApiKey', value: managementApiKey }
  { name: 'Auth__Authority', value: authAuthority }
  { name: 'Auth__Audience', value: authAudience }
]

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: appSettings
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // The platform runs the worker on its own .NET 10: the package is framework-dependent.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Deployments authenticate with Entra ID; the basic-auth publishing endpoints stay closed.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

output name string = app.name
output url string = 'https://${app.properties.defaultHostName}'
