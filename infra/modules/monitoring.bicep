// Log Analytics and Application Insights. Local (instrumentation-key) authentication is off: telemetry is
// accepted only from identities holding Monitoring Metrics Publisher on the component.

param logAnalyticsName string
param applicationInsightsName string
param location string
param tags object

@description('Days Log Analytics keeps data; 30 is included in the ingestion price.')
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      disableLocalAuth: true
    }
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
    IngestionMode: 'LogAnalytics'
  }
}

output applicationInsightsName string = insights.name
output connectionString string = insights.properties.ConnectionString
