using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace AnnualReview.TaskHub;

/// <summary>
/// The task hub's storage, named the way Durable Functions' Azure Storage provider names it (<c>{hub}History</c>,
/// <c>{hub}Instances</c>, <c>{hub}-control-NN</c>, <c>{hub}-workitems</c>, <c>{hub}-largemessages</c>), plus what we
/// keep beside it: the seals of every history (<c>{hub}-seals</c>, <c>{hub}Seals</c>) and the archive of purged
/// histories (<c>{hub}-archive</c>).
/// </summary>
public sealed class TaskHubStorage(string hubName, int partitionCount, TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs)
{
    public string HubName { get; } = hubName;

    public int PartitionCount { get; } = partitionCount;

    public TableServiceClient Tables { get; } = tables;

    public QueueServiceClient Queues { get; } = queues;

    public BlobServiceClient Blobs { get; } = blobs;

    private string Lower => HubName.ToLowerInvariant();

    public TableClient History => Tables.GetTableClient(HubName + "History");

    public TableClient Instances => Tables.GetTableClient(HubName + "Instances");

    /// <summary>Where each instance's seals stand (how many events are sealed, the chain's head).</summary>
    public TableClient SealIndex => Tables.GetTableClient(HubName + "Seals");

    public BlobContainerClient LargeMessages => Blobs.GetBlobContainerClient(Lower + "-largemessages");

    /// <summary>One append blob per instance: the hash of every event, in order, as it was sealed.</summary>
    public BlobContainerClient Seals => Blobs.GetBlobContainerClient(Lower + "-seals");

    public BlobContainerClient Archive => Blobs.GetBlobContainerClient(Lower + "-archive");

    public IReadOnlyList<string> ControlQueueNames => [.. Enumerable.Range(0, PartitionCount).Select(i => $"{Lower}-control-{i:00}")];

    public string WorkItemQueueName => Lower + "-workitems";

    /// <summary>Creates what we keep beside Durable Functions' own storage (DTFx creates its own).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellation)
    {
        await SealIndex.CreateIfNotExistsAsync(cancellation);
        await Seals.CreateIfNotExistsAsync(cancellationToken: cancellation);
        await Archive.CreateIfNotExistsAsync(cancellationToken: cancellation);
    }
}
