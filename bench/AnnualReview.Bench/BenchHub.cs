using AnnualReview.TaskHub;
using AnnualReview.TaskHub.History;
using AnnualReview.TaskHub.Sealing;
using AnnualReview.TaskHub.Status;
using AnnualReview.Testing;
using Azure.Data.Tables;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnnualReview.Bench;

/// <summary>
/// One scenario's world: a fresh in-memory Azurite, a fresh task hub, the engine as the app runs it (the SDK's
/// worker and client over DTFx's Azure Storage backend, with the history sealer beside them) with every storage
/// call counted, and a second, uncounted client and storage on the same hub for watching progress, so that the
/// benchmark's own status polling does not show up in the engine's figures.
/// </summary>
internal sealed class BenchHub : IAsyncDisposable
{
    private static readonly TimeSpan PartitionWait = TimeSpan.FromMinutes(2);

    private readonly AzuriteServer _azurite;
    private readonly ServiceProvider _engine;
    private readonly ServiceProvider _observer;
    private readonly List<IHostedService> _started = [];

    private BenchHub(AzuriteServer azurite, StorageCallCounter calls, WarningLog warnings, ServiceProvider engine, ServiceProvider observer)
    {
        _azurite = azurite;
        Calls = calls;
        Warnings = warnings;
        _engine = engine;
        _observer = observer;
    }

    /// <summary>The engine's client: its calls are counted.</summary>
    public DurableTaskClient Client => _engine.GetRequiredService<DurableTaskClient>();

    /// <summary>A client of another orchestration service on the same hub (as in another process), whose calls are not counted.</summary>
    public DurableTaskClient Observer => _observer.GetRequiredService<DurableTaskClient>();

    /// <summary>The task hub's tables and queues, uncounted.</summary>
    public TaskHubStorage Storage => _observer.GetRequiredService<TaskHubStorage>();

    public StorageCallCounter Calls { get; }

    public WarningLog Warnings { get; }

    /// <summary>
    /// Messages in the control queues and the work-item queue (uncounted). Azure Storage counts the hidden ones too,
    /// and DTFx keeps every pending durable timer as a hidden control-queue message.
    /// </summary>
    public async Task<int> QueuedMessagesAsync(CancellationToken cancellation)
        => (await QueueDepths.ReadAsync(Storage, cancellation)).Values.Sum();

    public static async Task<BenchHub> StartAsync(string prefix, Action<DurableTaskRegistry> register, BenchOptions bench, CancellationToken cancellation)
    {
        AzuriteServer azurite = await AzuriteServer.StartProcessAsync(cancellation);
        BenchHub? hub = null;
        try
        {
            string hubName = AzuriteServer.NewTaskHubName(prefix);
            TaskHubSettings settings = bench.TaskHub(hubName);
            var calls = new StorageCallCounter(azurite.ConnectionString, hubName);
            var warnings = new WarningLog();
            var connection = TaskHubConnection.FromConnectionString(azurite.ConnectionString);
            hub = new BenchHub(azurite, calls, warnings, Build(settings, connection with { Policies = [calls] }, register, warnings), Build(settings, connection, register, null));
            await hub.StartEngineAsync(cancellation);
            return hub;
        }
        catch
        {
            if (hub is not null)
            {
                await hub.DisposeAsync();
            }
            else
            {
                await azurite.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Counts the instances by status, page by page (uncounted).</summary>
    public async Task<InstanceTally> TallyAsync(CancellationToken cancellation)
    {
        var tally = new InstanceTally();
        await foreach (OrchestrationMetadata instance in Observer.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 1000 }).WithCancellation(cancellation))
        {
            tally.Add(instance);
        }

        return tally;
    }

    /// <summary>Polls until <paramref name="expected"/> instances have <paramref name="status"/>; throws at the first failed one.</summary>
    public async Task<InstanceTally> WaitForAsync(OrchestrationRuntimeStatus status, int expected, TimeSpan every, CancellationToken cancellation)
    {
        while (true)
        {
            InstanceTally tally = await TallyAsync(cancellation);
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

    /// <summary>
    /// Waits until the history sealer has sealed every instance the worker stepped: it sweeps every few seconds, so its
    /// calls for a scenario's last steps come after the last completion.
    /// </summary>
    public async Task SealedAsync(CancellationToken cancellation)
    {
        HistorySealer sealer = _engine.GetRequiredService<HistorySealer>();
        while (sealer.MarkedCount > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellation);
        }
    }

    /// <summary>
    /// How long after each event of the instances it was sealed: the seal line's time minus the event's timestamp in
    /// the History table, in milliseconds (uncounted).
    /// </summary>
    public async Task<List<double>> SealDelaysMsAsync(IEnumerable<string> instanceIds, CancellationToken cancellation)
    {
        var reader = new HistoryReader(Storage);
        var seals = new SealLog(Storage);
        var delays = new List<double>();
        foreach (string instanceId in instanceIds)
        {
            var sealedAt = (await seals.ReadAsync(instanceId, cancellation)).ToDictionary(s => s.Seq, s => s.SealedAt);
            foreach (HistoryRecord e in await reader.ReadAsync(instanceId, 0, cancellation))
            {
                if (sealedAt.TryGetValue(e.Seq, out DateTimeOffset at))
                {
                    delays.Add((at.UtcDateTime - Stats.AsUtc(e.Timestamp)).TotalMilliseconds);
                }
            }
        }

        return delays;
    }

    /// <summary>An instance's rows in the task hub's History table, in order: event type, timestamp, due time (uncounted).</summary>
    public async Task<IReadOnlyList<HistoryRow>> HistoryAsync(string instanceId, CancellationToken cancellation)
    {
        var rows = new SortedList<string, HistoryRow>(StringComparer.Ordinal);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}");
        await foreach (TableEntity row in Storage.History.QueryAsync<TableEntity>(filter, select: ["RowKey", "EventType", "_Timestamp", "FireAt"], cancellationToken: cancellation))
        {
            if (row.GetString("EventType") is { } type && row.GetDateTimeOffset("_Timestamp") is { } at)
            {
                rows.Add(row.RowKey, new HistoryRow(type, at.UtcDateTime, row.GetDateTimeOffset("FireAt")?.UtcDateTime));
            }
        }

        return rows.Count > 0 ? [.. rows.Values] : throw new InvalidOperationException($"Instance {instanceId} has no history.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            for (int i = _started.Count - 1; i >= 0; i--)
            {
                await _started[i].StopAsync(CancellationToken.None);
            }

            await _engine.DisposeAsync();
            await _observer.DisposeAsync();
        }
        finally
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>The engine's services as the app registers them; <paramref name="warnings"/> hears its warnings and errors.</summary>
    private static ServiceProvider Build(TaskHubSettings settings, TaskHubConnection connection, Action<DurableTaskRegistry> register, WarningLog? warnings)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            if (warnings is not null)
            {
                logging.AddProvider(warnings);
            }
        });
        services.AddStandaloneDurableTask(settings, connection, JsonDataConverter.Default, register);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Creates the task hub, starts the worker and the sealer, and waits until the worker holds every partition: the
    /// scenarios time the engine's work, not its start.
    /// </summary>
    private async Task StartEngineAsync(CancellationToken cancellation)
    {
        await _engine.GetRequiredService<IOrchestrationService>().CreateIfNotExistsAsync();
        foreach (IHostedService hosted in _engine.GetServices<IHostedService>())
        {
            // The sealer's loop keeps the flow it was started in, so its calls are told apart from DTFx's.
            using (hosted is SealingService ? StorageCallCounter.Sealer() : null)
            {
                await hosted.StartAsync(cancellation);
            }

            _started.Add(hosted);
        }

        TableClient partitions = Storage.Tables.GetTableClient(Storage.HubName + "Partitions");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(PartitionWait);
        while (true)
        {
            int owned = 0;
            await foreach (TableEntity row in partitions.QueryAsync<TableEntity>(cancellationToken: deadline.Token))
            {
                owned += row.GetString("CurrentOwner") is { Length: > 0 } ? 1 : 0;
            }

            if (owned >= Storage.PartitionCount)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
        }
    }
}

/// <summary>One row of an instance's history: DTFx's event type, the event's timestamp, a timer's due time.</summary>
internal sealed record HistoryRow(string EventType, DateTime At, DateTime? FireAt);

/// <summary>How many instances are in each status, and when the last completed one was last updated (its completion).</summary>
internal sealed class InstanceTally
{
    private readonly Dictionary<OrchestrationRuntimeStatus, int> _counts = [];

    public DateTimeOffset? LastCompletedAt { get; private set; }

    public string? FirstFailed { get; private set; }

    public int Of(OrchestrationRuntimeStatus status) => _counts.GetValueOrDefault(status);

    public void Add(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _counts[instance.RuntimeStatus] = Of(instance.RuntimeStatus) + 1;
        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed && (LastCompletedAt is null || instance.LastUpdatedAt > LastCompletedAt))
        {
            LastCompletedAt = instance.LastUpdatedAt;
        }

        if (instance.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)
        {
            FirstFailed ??= instance.InstanceId;
        }
    }
}
