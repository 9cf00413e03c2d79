using Azure.Identity;
using AnnualReview.TaskHub;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions;

/// <summary>
/// Where the task hub's storage is, read the way the Functions host reads <c>AzureWebJobsStorage</c>: a
/// connection string, or (in Azure) service URIs reached through a managed identity.
/// </summary>
public sealed record StorageSettings(string? ConnectionString, Uri? Blob, Uri? Queue, Uri? Table, string? ClientId)
{
    public static StorageSettings From(IConfiguration configuration)
    {
        string? connection = configuration["AzureWebJobsStorage"];
        Uri? Read(string key) => configuration[$"AzureWebJobsStorage__{key}"] is { Length: > 0 } value ? new Uri(value) : null;
        return new StorageSettings(
            string.IsNullOrWhiteSpace(connection) ? null : connection,
            Read("blobServiceUri"),
            Read("queueServiceUri"),
            Read("tableServiceUri"),
            configuration["AzureWebJobsStorage__clientId"]);
    }

    public bool UsesManagedIdentity => Blob is not null && Queue is not null && Table is not null;

    /// <summary>The assessment's tables and containers live in the same account as the task hub's.</summary>
    public AssessmentStorageOptions ToAssessmentOptions(string prefix)
        => UsesManagedIdentity
            ? new AssessmentStorageOptions { Prefix = prefix, TableServiceUri = Table, BlobServiceUri = Blob, Credential = Credential() }
            : new AssessmentStorageOptions { Prefix = prefix, ConnectionString = RequireConnectionString() };

    public TaskHubConnection ToTaskHubConnection()
        => UsesManagedIdentity
            ? new TaskHubConnection(null, Blob, Queue, Table, Credential())
            : TaskHubConnection.FromConnectionString(RequireConnectionString());

    private ManagedIdentityCredential Credential()
        => ClientId is null ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned) : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(ClientId));

    private string RequireConnectionString()
        => ConnectionString
            ?? throw new InvalidOperationException("Set AzureWebJobsStorage (a connection string, e.g. UseDevelopmentStorage=true for Azurite) or the AzureWebJobsStorage__*ServiceUri settings.");
}
