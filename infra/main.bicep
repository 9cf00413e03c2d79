// AnnualReview on Azure: a Flex Consumption function app running the .NET isolated worker with Durable Functions
// (runtime dotnet-isolated 10.0), one storage account reached through a user-assigned managed identity, and
// Application Insights. `azd up` deploys it; so does
// `az deployment sub create --location <region> --template-file infra/main.bicep --parameters name=<name>`.
targetScope = 'subscription'

@description('Name of this installation (the azd environment name); names and tags every resource.')
@minLength(2)
@maxLength(40)
param name string

@description('Azure region; it must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Resource group to create or reuse; rg-<name> when empty.')
param resourceGroupName string = ''

@description('Most instances the app scales out to. A national cycle needs more than a province.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each instance in MB; instance size and price per second follow it.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

// host.json reads it as %TaskHubName%.
@description('Durable Functions task hub, prefix of its tables, queues and containers: 3-24 lowercase letters or digits, a letter first.')
@minLength(3)
@maxLength(24)
param taskHubName string = 'annualreview'

@description('Key for the management API. azd generates one on first provision and keeps it in the environment.')
@secure()
@minLength(32)
@metadata({
  azd: {
    type: 'generate'
    config: {
      length: 48
      noSpecial: true
    }
  }
})
param managementApiKey string

@description('Token issuer (Microsoft Entra ID authority). Empty: this tenant\'s v2.0 endpoint.')
param authAuthority string = ''

@description('Audience the tokens are issued for (the API\'s application ID URI).')
param authAudience string = 'api://annualreview'

var tags = {
  'azd-env-name': name
  application: 'annualreview'
}

// Globally unique names get a short hash of the subscription and installation name.
var token = toLower(uniqueString(subscription().id, name, location))
var slug = take(toLower(replace(name, '_', '-')), 20)
var deploymentContainerName = 'app-package'

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: empty(resourceGroupName) ? 'rg-${name}' : resourceGroupName
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: group
  params: {
    name: 'id-${slug}-${token}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: group
  params: {
    name: 'st${take(token, 22)}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: group
  params: {
    logAnalyticsName: 'log-${slug}-${token}'
    applicationInsightsName: 'appi-${slug}-${token}'
    location: location
    tags: tags
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: group
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module app 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: group
  // The host reaches storage through the identity from its first start: grant the roles first.
  dependsOn: [
    roles
  ]
  params: {
    planName: 'plan-${slug}-${token}'
    appName: 'func-${slug}-${token}'
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    taskHubName: taskHubName
    managementApiKey: managementApiKey
    authAuthority: empty(authAuthority) ? '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0' : authAuthority
    authAudience: authAudience
  }
}

@description('Where the app answers: the API, the web UI and GET / (engine status).')
output appUrl string = app.outputs.url
output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = group.name
output AZURE_FUNCTION_APP_NAME string = app.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
