using System.Diagnostics;
using System.Text.Json;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.Hosting;

namespace AnnualReview.CycleBench;

/// <summary>
/// Watches the cycle the way a dashboard would, through its own client whose calls are counted apart (they are
/// not part of a member-cycle): instance statuses, and the depth of the task hub's queues, which tells when the
/// engine has caught up with everything the people did.
/// </summary>
internal sealed class Observer(DurableTaskEngine engine, TimeSpan stallLimit)
{
    private readonly string[] _queues = [.. engine.Worker.ControlQueueNames, engine.Worker.WorkItemQueueName];
    private long _depthSampledAt;

    /// <summary>The last sampled depth of all queues together.</summary>
    public int Depth { get; private set; }

    public int MaxDepth { get; private set; }

    /// <summary>The last sampled depth of each queue: the control queues, then the work items.</summary>
    public string Depths { get; private set; } = "";

    public DurableTaskClient Client => engine.Client;

    /// <summary>Sum of the queues' approximate message counts (sampled at most every 500 ms unless forced).</summary>
    public async Task<int> SampleDepthAsync(CancellationToken cancellation, bool force = false)
    {
        long now = Environment.TickCount64;
        if (!force && now - Interlocked.Read(ref _depthSampledAt) < 500)
        {
            return Depth;
        }

        Interlocked.Exchange(ref _depthSampledAt, now);
        int[] depths = await Task.WhenAll(_queues.Select(q => engine.Worker.GetQueueDepthAsync(q, cancellation)));
        Depths = string.Join("/", depths);
        Depth = depths.Sum();
        MaxDepth = Math.Max(MaxDepth, Depth);
        return Depth;
    }

    /// <summary>
    /// Waits until every queue is empty twice in a row, at least <paramref name="atLeast"/> from now (so due timers
    /// get moved first); false when they were still busy after the stall limit.
    /// </summary>
    public async Task<bool> SettleAsync(TimeSpan atLeast, CancellationToken cancellation)
    {
        await Task.Delay(atLeast, cancellation);
        int quiet = 0;
        var waited = Stopwatch.StartNew();
        while (quiet < 2)
        {
            if (waited.Elapsed > stallLimit)
            {
                return false;
            }

            quiet = await SampleDepthAsync(cancellation, force: true) == 0 ? quiet + 1 : 0;
            await Task.Delay(400, cancellation);
        }

        return true;
    }

    public async Task<(OrchestrationMetadata? Metadata, JsonElement? Status)> StatusAsync(string instanceId, CancellationToken cancellation)
    {
        OrchestrationMetadata? metadata = await engine.Client.GetInstanceAsync(instanceId, cancellation: cancellation);
        JsonElement? status = metadata?.SerializedCustomStatus is { } json ? JsonDocument.Parse(json).RootElement.Clone() : null;
        return (metadata, status);
    }

    /// <summary>
    /// Waits until <paramref name="done"/> holds for every instance: waits for the queues to settle, then reads the
    /// ones still pending, and again until none is. Throws when nothing moves for the stall limit.
    /// </summary>
    public async Task WaitForAllAsync(string what, IEnumerable<string> instanceIds, Func<OrchestrationMetadata?, JsonElement?, bool> done, CancellationToken cancellation)
    {
        var pending = instanceIds.ToList();
        var stall = Stopwatch.StartNew();
        int lastCount = pending.Count;
        while (pending.Count > 0)
        {
            await SettleAsync(TimeSpan.FromMilliseconds(300), cancellation);
            var still = new System.Collections.Concurrent.ConcurrentBag<string>();
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellation }, async (id, c) =>
            {
                var (metadata, status) = await StatusAsync(id, c);
                if (!done(metadata, status))
                {
                    still.Add(id);
                }
            });
            pending = [.. still.Order(StringComparer.Ordinal)];
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
}

/// <summary>Some instances never reached the state a phase waits for.</summary>
internal sealed class StalledException(string what, IReadOnlyList<string> pending)
    : Exception($"{what}: {pending.Count} instance(s) did not get there, e.g. {string.Join(", ", pending.Take(5))}")
{
    public IReadOnlyList<string> Pending { get; } = pending;
}
