using Azure.Core;
using Azure.Core.Pipeline;
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
    /// <summary>Azure SDK pipeline policies added to every client, DTFx's and ours (benchmarks count calls with one).</summary>
    public IReadOnlyList<HttpPipelinePolicy> Policies { get; init; } = [];

    public static TaskHubConnection FromConnectionString(string connectionString) => new(connectionString, null, null, null, null);

    public StorageAccountClientProvider ToClientProvider()
        => ConnectionString is { } connection
            ? new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connection, With(new BlobClientOptions())),
                StorageServiceClientProvider.ForQueue(connection, With(new QueueClientOptions())),
                StorageServiceClientProvider.ForTable(connection, With(new TableClientOptions())))
            : new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(BlobUri!, Credential!, With(new BlobClientOptions())),
                StorageServiceClientProvider.ForQueue(QueueUri!, Credential!, With(new QueueClientOptions())),
                StorageServiceClientProvider.ForTable(TableUri!, Credential!, With(new TableClientOptions())));

    public TaskHubStorage ToStorage(string hubName, int partitionCount)
        => ConnectionString is { } connection
            ? new TaskHubStorage(hubName, partitionCount, new TableServiceClient(connection, With(new TableClientOptions())), new QueueServiceClient(connection, With(new QueueClientOptions())), new BlobServiceClient(connection, With(new BlobClientOptions())))
            : new TaskHubStorage(hubName, partitionCount, new TableServiceClient(TableUri!, Credential!, With(new TableClientOptions())), new QueueServiceClient(QueueUri!, Credential!, With(new QueueClientOptions())), new BlobServiceClient(BlobUri!, Credential!, With(new BlobClientOptions())));

    private T With<T>(T options)
        where T : ClientOptions
    {
        foreach (HttpPipelinePolicy policy in Policies)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }

        return options;
    }
}
