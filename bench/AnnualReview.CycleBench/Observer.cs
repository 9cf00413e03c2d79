using System.Diagnostics;
using System.Text.Json;
using AnnualReview.TaskHub;
using AnnualReview.TaskHub.History;
using AnnualReview.TaskHub.Status;
using Microsoft.DurableTask.Client;

namespace AnnualReview.CycleBench;

/// <summary>
/// Watches the cycle the way a dashboard would, through a client of its own whose calls are counted apart (they are
/// not part of a member-cycle): instance statuses and histories, and once a second the depth of the task hub's
/// queues. The depths are for the report only: DTFx keeps every pending durable timer as a hidden message in a
/// control queue, and Azure Storage counts hidden messages, so a quiet task hub does not show empty queues.
/// </summary>
internal sealed class Observer(DurableTaskClient client, TaskHubStorage storage, HistoryReader history, TimeSpan stallLimit) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _sampling;

    /// <summary>The last sampled depth of each queue: the control queues, then the work items.</summary>
    public string Depths { get; private set; } = "";

    /// <summary>The most messages the control queues held together (pending timers included).</summary>
    public int MaxControlDepth { get; private set; }

    /// <summary>The most activities waiting in the work-item queue.</summary>
    public int MaxWorkItemDepth { get; private set; }

    public DurableTaskClient Client => client;

    public HistoryReader History => history;

    public void StartSampling() => _sampling ??= Task.Run(() => SampleAsync(_stop.Token));

    public async Task<(OrchestrationMetadata? Metadata, JsonElement? Status)> StatusAsync(string instanceId, CancellationToken cancellation)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, cancellation: cancellation);
        JsonElement? status = metadata?.SerializedCustomStatus is { } json ? JsonDocument.Parse(json).RootElement.Clone() : null;
        return (metadata, status);
    }

    /// <summary>
    /// Waits until <paramref name="done"/> holds for every instance: reads the ones still pending, and again until none
    /// is. Throws when nothing moves for the stall limit.
    /// </summary>
    public async Task WaitForAllAsync(string what, IEnumerable<string> instanceIds, Func<OrchestrationMetadata?, JsonElement?, bool> done, CancellationToken cancellation)
    {
        var pending = instanceIds.ToList();
        var stall = Stopwatch.StartNew();
        int lastCount = pending.Count;
        while (pending.Count > 0)
        {
            pending = await StillPendingAsync(pending, done, cancellation);
            if (pending.Count < lastCount)
            {
                lastCount = pending.Count;
                stall.Restart();
            }
            else if (pending.Count > 0 && stall.Elapsed > stallLimit)
            {
                throw new StalledException(what, pending);
            }

            if (pending.Count > 0)
            {
                await Task.Delay(1000, cancellation);
            }
        }
    }

    /// <summary>The instances for which <paramref name="done"/> still does not hold after <paramref name="grace"/> (or sooner, once it holds for all).</summary>
    public async Task<IReadOnlyList<string>> PendingAfterAsync(IEnumerable<string> instanceIds, Func<OrchestrationMetadata?, JsonElement?, bool> done, TimeSpan grace, CancellationToken cancellation)
    {
        var pending = instanceIds.ToList();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            pending = await StillPendingAsync(pending, done, cancellation);
            if (pending.Count == 0 || waited.Elapsed > grace)
            {
                return pending;
            }

            await Task.Delay(1000, cancellation);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_sampling is not null)
        {
            try
            {
                await _sampling;
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        _stop.Dispose();
    }

    /// <summary>The instances, in order, for which <paramref name="done"/> does not hold now (16 reads at a time).</summary>
    private async Task<List<string>> StillPendingAsync(List<string> pending, Func<OrchestrationMetadata?, JsonElement?, bool> done, CancellationToken cancellation)
    {
        var still = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellation }, async (id, c) =>
        {
            var (metadata, status) = await StatusAsync(id, c);
            if (!done(metadata, status))
            {
                still.Add(id);
            }
        });
        return [.. still.Order(StringComparer.Ordinal)];
    }

    private async Task SampleAsync(CancellationToken cancellation)
    {
        while (true)
        {
            IReadOnlyDictionary<string, int> depths = await QueueDepths.ReadAsync(storage, cancellation);
            int workItems = depths.GetValueOrDefault(storage.WorkItemQueueName);
            int control = depths.Values.Sum() - workItems;
            Depths = string.Join("/", storage.ControlQueueNames.Select(q => depths.GetValueOrDefault(q))) + " + " + workItems;
            MaxControlDepth = Math.Max(MaxControlDepth, control);
            MaxWorkItemDepth = Math.Max(MaxWorkItemDepth, workItems);
            await Task.Delay(1000, cancellation);
        }
    }
}

/// <summary>Some instances never reached the state a phase waits for.</summary>
internal sealed class StalledException(string what, IReadOnlyList<string> pending)
    : Exception($"{what}: {pending.Count} instance(s) did not get there, e.g. {string.Join(", ", pending.Take(5))}")
{
    public IReadOnlyList<string> Pending { get; } = pending;
}
