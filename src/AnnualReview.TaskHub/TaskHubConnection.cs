using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;

namespace AnnualReview.TaskHub;

/// <summary>
/// The storage account of the task hub, as <c>AzureWebJobsStorage</c> names it: a connection string (Azurite,
/// or a key), or the service URIs and a managed identity. Gives DTFx its client provider and us the same clients.
/// </summary>
public sealed record TaskHubConnection(string? ConnectionString, Uri? BlobUri, Uri? QueueUri, Uri? TableUri, TokenCredential? Credential)
{
    public static TaskHubConnection FromConnectionString(string connectionString) => new(connectionString, null, null, null, null);

    public StorageAccountClientProvider ToClientProvider()
        => ConnectionString is { } connection
            ? new StorageAccountClientProvider(connection)
            : new StorageAccountClientProvider(BlobUri!, QueueUri!, TableUri!, Credential!);

    public TaskHubStorage ToStorage(string hubName, int partitionCount)
        => ConnectionString is { } connection
            ? new TaskHubStorage(hubName, partitionCount, new TableServiceClient(connection), new QueueServiceClient(connection), new BlobServiceClient(connection))
            : new TaskHubStorage(hubName, partitionCount, new TableServiceClient(TableUri!, Credential!), new QueueServiceClient(QueueUri!, Credential!), new BlobServiceClient(BlobUri!, Credential!));
}
