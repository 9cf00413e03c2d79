using Azure.Core;
using Azure.Core.Pipeline;

namespace AnnualReview.Durable.Hosting;

/// <summary>How the engine reaches storage and how hard it works.</summary>
public sealed class DurableTaskOptions
{
    /// <summary>Prefix of every table, queue and container: lowercase letters and digits, 3–24 characters.</summary>
    public string TaskHubName { get; set; } = "annualreview";

    /// <summary>A storage connection string (Azurite locally). Used when the service URIs are not set.</summary>
    public string? StorageConnectionString { get; set; }

    /// <summary>With <see cref="Credential"/>: reach storage through a managed identity, no keys.</summary>
    public Uri? TableServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public TokenCredential? Credential { get; set; }

    /// <summary>
    /// Tables the instances' state and history rows are spread over, by a hash of the instance id ("Instances"
    /// when 1, "Instances00"… otherwise). Azure Storage partitions a table by key, so one table is right there.
    /// Azurite's table service reads every row of a table on each point read and update, so on Azurite several
    /// smaller tables keep each step cheap as histories grow. Fixed for the life of a task hub.
    /// </summary>
    public int InstanceTableCount { get; set; } = 1;

    /// <summary>Number of control queues; instances are spread over them by a hash of their id.</summary>
    public int PartitionCount { get; set; } = 4;

    public int MaxConcurrentOrchestrations { get; set; } = 32;

    public int MaxConcurrentActivities { get; set; } = 32;

    /// <summary>Messages taken from a queue in one receive (at most 32).</summary>
    public int MessageBatchSize { get; set; } = 32;

    /// <summary>An idle queue is polled less and less often, down to once per this interval.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often due timers are looked for; bounds timer lateness on an idle worker.</summary>
    public TimeSpan TimerPollingInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a received message stays invisible while it is processed; a crashed worker's messages come back after it.</summary>
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After this many deliveries a message that still fails goes to the dead-letter table and its instance fails.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Activities and sub-orchestrations one instance may have in flight; the rest wait in its backlog (bounded fan-out).</summary>
    public int MaxOutstandingPerInstance { get; set; } = 100;

    /// <summary>
    /// Sub-orchestrations one instance may have starting at once. A child counts as starting until its first
    /// step with nothing of its own in flight, its own children's start-up included, so a tree of
    /// orchestrations (cycle → committees → organizations → cells) comes up a few subtrees at a time instead of
    /// flooding the queues with every node's first work at once.
    /// </summary>
    public int MaxStartingPerInstance { get; set; } = 8;

    /// <summary>New instances wait to be enqueued while a control queue holds more messages than this (back-pressure).</summary>
    public int MaxControlQueueDepth { get; set; } = 500;

    /// <summary>
    /// Due timers wait while the work-item queue holds more messages than this: a reminder that fires in every
    /// cell at 08:00 schedules an activity in each, and those would otherwise pile up in the work-item queue.
    /// </summary>
    public int MaxWorkItemQueueDepth { get; set; } = 1000;

    /// <summary>Instances whose state and history a worker keeps in memory, validated by ETag.</summary>
    public int MaxCachedInstances { get; set; } = 2000;

    /// <summary>False under the Functions host: the host hands messages in and the app calls the periodic work.</summary>
    public bool PollQueues { get; set; } = true;

    /// <summary>The engine's only clock. A scaled or fake provider makes days pass in seconds.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Extra Azure SDK pipeline policies for every storage client (counting calls, injecting faults in tests).</summary>
    public IList<HttpPipelinePolicy> StoragePolicies { get; } = [];

    /// <summary>Lets tests and benchmarks shape the clients (retries, timeouts).</summary>
    public Action<ClientOptions>? ConfigureClientOptions { get; set; }

    internal void Validate()
    {
        if (TaskHubName.Length is < 3 or > 24 || !TaskHubName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) || !char.IsAsciiLetterLower(TaskHubName[0]))
        {
            throw new ArgumentException("TaskHubName must be 3–24 lowercase letters or digits, starting with a letter.", nameof(TaskHubName));
        }

        if (StorageConnectionString is null && (TableServiceUri is null || QueueServiceUri is null || BlobServiceUri is null))
        {
            throw new ArgumentException("Set StorageConnectionString, or all three service URIs (with a Credential for managed identity).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(PartitionCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PartitionCount, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(InstanceTableCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(InstanceTableCount, 64);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MessageBatchSize, 32);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutstandingPerInstance, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxStartingPerInstance, 1);
    }
}
