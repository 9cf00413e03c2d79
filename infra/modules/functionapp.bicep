// The Flex Consumption plan and the function app. The app is a custom handler: the Functions host starts the
// executable named in host.json and forwards HTTP requests, queue messages and timer ticks to it.

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

// Settings are environment variables to the app; `__` stands for the `:` of a configuration key.
var appSettings = [
  // The host (queue and timer triggers, leases) and the app both read storage through the identity.
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  { name: 'AzureWebJobsStorage__blobServiceUri', value: storageBlobEndpoint }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: storageQueueEndpoint }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: storageTableEndpoint }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
  // Local auth is off on the component: telemetry is sent with an Entra token for this identity.
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
  { name: 'TaskHubName', value: taskHubName }
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
      runtime: {
        name: 'custom'
        version: '1.0'
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
