// The app's user-assigned identity. It is created before the app so that its role assignments can be in place
// when the app first starts, and it outlives redeployments of the app.

@description('Name of the identity.')
param name string

param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
