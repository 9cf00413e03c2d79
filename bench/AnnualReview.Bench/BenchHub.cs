using AnnualReview.Durable;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.Hosting;
using AnnualReview.Durable.Worker;
using AnnualReview.Testing;

namespace AnnualReview.Bench;

/// <summary>
/// One scenario's world: a fresh in-memory Azurite, a fresh task hub, an engine whose worker polls its own
/// queues with every storage call counted, and an uncounted client on the same hub for watching progress,
/// so that the benchmark's own status polling does not show up in the engine's figures.
/// </summary>
internal sealed class BenchHub : IAsyncDisposable
{
    private readonly AzuriteServer _azurite;
    private readonly DurableTaskEngine _engine;
    private readonly DurableTaskEngine _observer;

    private BenchHub(AzuriteServer azurite, StorageCallCounter calls, WarningLoggerFactory warnings, DurableTaskEngine engine, DurableTaskEngine observer)
    {
        _azurite = azurite;
        Calls = calls;
        Warnings = warnings;
        _engine = engine;
        _observer = observer;
    }

    /// <summary>The engine's client: its calls are counted.</summary>
    public DurableTaskClient Client => _engine.Client;

    /// <summary>A client on the same hub whose calls are not counted.</summary>
    public DurableTaskClient Observer => _observer.Client;

    public DurableTaskEngine Engine => _engine;

    public StorageCallCounter Calls { get; }

    /// <summary>Messages waiting in the control queues and the work-item queue (uncounted).</summary>
    public async Task<int> QueuedMessagesAsync(CancellationToken cancellation)
    {
        DurableTaskWorker worker = _observer.Worker;
        int[] depths = await Task.WhenAll(worker.ControlQueueNames.Append(worker.WorkItemQueueName).Select(q => worker.GetQueueDepthAsync(q, cancellation)));
        return depths.Sum();
    }

    public WarningLoggerFactory Warnings { get; }

    public static async Task<BenchHub> StartAsync(string prefix, DurableTaskRegistry registry, BenchOptions bench, CancellationToken cancellation)
    {
        AzuriteServer azurite = await AzuriteServer.StartProcessAsync(cancellation);
        try
        {
            string hubName = AzuriteServer.NewTaskHubName(prefix);
            var calls = new StorageCallCounter(azurite.ConnectionString);
            var options = new DurableTaskOptions { TaskHubName = hubName, StorageConnectionString = azurite.ConnectionString, PollQueues = true };
            options.StoragePolicies.Add(calls);
            if (bench.ControlQueueDepth is { } depth)
            {
                options.MaxControlQueueDepth = depth;
            }

            var warnings = new WarningLoggerFactory();
            var engine = new DurableTaskEngine(options, registry, loggers: warnings);
            var observer = new DurableTaskEngine(
                new DurableTaskOptions { TaskHubName = hubName, StorageConnectionString = azurite.ConnectionString, PollQueues = false },
                registry);
            await engine.Worker.StartAsync(cancellation);
            return new BenchHub(azurite, calls, warnings, engine, observer);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>Counts the instances by status from the index, page by page (uncounted).</summary>
    public async Task<IndexTally> TallyAsync(CancellationToken cancellation)
    {
        var tally = new IndexTally();
        string? token = null;
        do
        {
            var query = new OrchestrationQuery { PageSize = 1000, ContinuationToken = token };
            (IReadOnlyList<OrchestrationMetadata> page, token) = await Observer.GetInstancesPageAsync(query, cancellation);
            foreach (OrchestrationMetadata instance in page)
            {
                tally.Add(instance);
            }
        }
        while (token is not null);

        return tally;
    }

    /// <summary>Polls the index until <paramref name="expected"/> instances have <paramref name="status"/>; throws at the first failed one.</summary>
    public async Task<IndexTally> WaitForAsync(OrchestrationRuntimeStatus status, int expected, TimeSpan every, CancellationToken cancellation)
    {
        while (true)
        {
            IndexTally tally = await TallyAsync(cancellation);
            if (tally.Of(OrchestrationRuntimeStatus.Failed) + tally.Of(OrchestrationRuntimeStatus.Terminated) > 0)
            {
                OrchestrationMetadata? failed = tally.FirstFailed is null ? null : await Observer.GetInstanceAsync(tally.FirstFailed, cancellation: cancellation);
                throw new InvalidOperationException(
                    $"{tally.Of(OrchestrationRuntimeStatus.Failed)} instance(s) failed; {tally.FirstFailed}: {failed?.FailureDetails?.ErrorMessage ?? "(no details)"}");
            }

            if (tally.Of(status) >= expected)
            {
                return tally;
            }

            await Task.Delay(every, cancellation);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _engine.DisposeAsync();
            await _observer.DisposeAsync();
        }
        finally
        {
            await _azurite.DisposeAsync();
        }
    }
}

/// <summary>How many instances the index shows in each status, and when the last one completed.</summary>
internal sealed class IndexTally
{
    private readonly Dictionary<OrchestrationRuntimeStatus, int> _counts = [];

    public DateTimeOffset? LastCompletedAt { get; private set; }

    public string? FirstFailed { get; private set; }

    public int Of(OrchestrationRuntimeStatus status) => _counts.GetValueOrDefault(status);

    public void Add(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _counts[instance.RuntimeStatus] = Of(instance.RuntimeStatus) + 1;
        if (instance.CompletedAt is { } completed && (LastCompletedAt is null || completed > LastCompletedAt))
        {
            LastCompletedAt = completed;
        }

        if (instance.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)
        {
            FirstFailed ??= instance.InstanceId;
        }
    }
}
