using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using AnnualReview.Durable.Hosting;

namespace AnnualReview.Durable.Storage;

/// <summary>
/// The task hub's storage: one table holds each instance's state row and history rows in one partition
/// (so a step commits in one entity group transaction); an index table lists instances; a timer table keeps
/// due times; control queues carry orchestration messages, a work-item queue carries activity calls.
/// </summary>
internal sealed class TaskHubStorage
{
    public TaskHubStorage(DurableTaskOptions options)
    {
        options.Validate();
        Options = options;
        string hub = options.TaskHubName;

        var tableOptions = new TableClientOptions();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var blobOptions = new BlobClientOptions();
        foreach (ClientOptions clientOptions in new ClientOptions[] { tableOptions, queueOptions, blobOptions })
        {
            foreach (var policy in options.StoragePolicies)
            {
                clientOptions.AddPolicy(policy, Azure.Core.HttpPipelinePosition.PerRetry);
            }

            options.ConfigureClientOptions?.Invoke(clientOptions);
        }

        TableServiceClient tables;
        QueueServiceClient queues;
        BlobServiceClient blobs;
        if (options.TableServiceUri is not null && options.QueueServiceUri is not null && options.BlobServiceUri is not null)
        {
            TokenCredential credential = options.Credential ?? throw new ArgumentException("A Credential is required with service URIs.");
            tables = new TableServiceClient(options.TableServiceUri, credential, tableOptions);
            queues = new QueueServiceClient(options.QueueServiceUri, credential, queueOptions);
            blobs = new BlobServiceClient(options.BlobServiceUri, credential, blobOptions);
        }
        else
        {
            tables = new TableServiceClient(options.StorageConnectionString, tableOptions);
            queues = new QueueServiceClient(options.StorageConnectionString, queueOptions);
            blobs = new BlobServiceClient(options.StorageConnectionString, blobOptions);
        }

        InstanceTables = options.InstanceTableCount == 1
            ? [tables.GetTableClient(hub + "Instances")]
            : [.. Enumerable.Range(0, options.InstanceTableCount).Select(t => tables.GetTableClient($"{hub}Instances{t:D2}"))];
        Index = tables.GetTableClient(hub + "Index");
        Timers = tables.GetTableClient(hub + "Timers");
        DeadLetters = tables.GetTableClient(hub + "DeadLetters");
        ControlQueues = Enumerable.Range(0, options.PartitionCount)
            .Select(p => queues.GetQueueClient($"{hub}-control-{p:D2}"))
            .ToArray();
        WorkItems = queues.GetQueueClient($"{hub}-workitems");
        Depths = new Client.QueueDepthGauge(this);
        Payloads = blobs.GetBlobContainerClient($"{hub}-payloads");
        Archive = blobs.GetBlobContainerClient($"{hub}-archive");
    }

    public DurableTaskOptions Options { get; }

    /// <summary>Queue depths, sampled once for the client's starts and the worker's timers alike.</summary>
    public Client.QueueDepthGauge Depths { get; }

    /// <summary>State row and history rows, one partition per instance, spread over the instance tables by a hash of the id.</summary>
    public IReadOnlyList<TableClient> InstanceTables { get; }

    public TableClient InstancesFor(string instanceId) => InstanceTables[(int)(StableHash(instanceId) % (uint)InstanceTables.Count)];

    /// <summary>One row per instance for listing and filtering; updated after each status change.</summary>
    public TableClient Index { get; }

    public TableClient Timers { get; }

    public TableClient DeadLetters { get; }

    public IReadOnlyList<QueueClient> ControlQueues { get; }

    public QueueClient WorkItems { get; }

    /// <summary>Large payloads that do not fit in a queue message or table property.</summary>
    public BlobContainerClient Payloads { get; }

    /// <summary>Full histories written before an instance is purged.</summary>
    public BlobContainerClient Archive { get; }

    public int PartitionOf(string instanceId) => (int)(StableHash(instanceId) % (uint)ControlQueues.Count);

    /// <summary>FNV-1a: stable across processes and versions, unlike string.GetHashCode.</summary>
    private static uint StableHash(string instanceId)
    {
        uint hash = 2166136261;
        foreach (char c in instanceId)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }

    public QueueClient ControlQueueFor(string instanceId) => ControlQueues[PartitionOf(instanceId)];

    public bool IsControlQueue(string queueName) => ControlQueues.Any(q => q.Name == queueName);

    public async Task EnsureCreatedAsync(CancellationToken cancellation = default)
    {
        var creations = new List<Task>
        {
            Index.CreateIfNotExistsAsync(cancellation),
            Timers.CreateIfNotExistsAsync(cancellation),
            DeadLetters.CreateIfNotExistsAsync(cancellation),
            WorkItems.CreateIfNotExistsAsync(cancellationToken: cancellation),
            Payloads.CreateIfNotExistsAsync(cancellationToken: cancellation),
            Archive.CreateIfNotExistsAsync(cancellationToken: cancellation),
        };
        creations.AddRange(InstanceTables.Select(t => t.CreateIfNotExistsAsync(cancellation)));
        creations.AddRange(ControlQueues.Select(q => q.CreateIfNotExistsAsync(cancellationToken: cancellation)));
        await Task.WhenAll(creations);
    }
}
