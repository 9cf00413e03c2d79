using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AnnualReview.Bench.Scenarios;

/// <summary>
/// Event to next state: K instances wait for "go"; once all are Running, events are raised at a steady pace (so
/// the figure is latency, not a queue of a burst). Latency is the ExecutionCompleted row's timestamp in the task
/// hub's History table minus the moment RaiseEventAsync was called, both on this machine's clock. Measured twice:
/// raised by the worker's own client, then by a client of another orchestration service (as from another process).
/// </summary>
internal static class EventLatency
{
    private static readonly TimeSpan RaiseEvery = TimeSpan.FromMilliseconds(50);

    public static async Task RunAsync(BenchOptions options, BenchResults results, CancellationToken cancellation)
    {
        int instances = options.Events;
        await using BenchHub hub = await BenchHub.StartAsync("events", registry => registry
            .AddOrchestratorFunc<string?, string>("AwaitGo", async (context, _) => await context.WaitForExternalEvent<string>("go")), options, cancellation);

        double[] local = await MeasureAsync(hub, hub.Client, "local", instances, 0, cancellation);

        // DTFx has no in-process wake-up: both clients only put a message on a control queue, which the worker polls.
        double[] remote = await MeasureAsync(hub, hub.Observer, "remote", instances, instances, cancellation);

        results.EventInstances = instances;
        results.EventLatencyP50Ms = Stats.Round(Stats.Percentile(local, 50));
        results.EventLatencyP99Ms = Stats.Round(Stats.Percentile(local, 99));
        results.EventLatencyFromOtherClientP50Ms = Stats.Round(Stats.Percentile(remote, 50));
        results.EventLatencyFromOtherClientP99Ms = Stats.Round(Stats.Percentile(remote, 99));
        results.EngineWarnings += hub.Warnings.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"EventLatency: {instances} events raised one every {RaiseEvery.TotalMilliseconds:F0} ms, raise to ExecutionCompleted: " +
            $"p50 {results.EventLatencyP50Ms} ms, p99 {results.EventLatencyP99Ms} ms, max {Stats.Round(local.Max())} ms through the worker's own client; " +
            $"p50 {results.EventLatencyFromOtherClientP50Ms} ms, p99 {results.EventLatencyFromOtherClientP99Ms} ms, max {Stats.Round(remote.Max())} ms " +
            $"through another client; engine warnings {hub.Warnings.Count}"));
    }

    private static async Task<double[]> MeasureAsync(BenchHub hub, DurableTaskClient raiser, string prefix, int instances, int completedBefore, CancellationToken cancellation)
    {
        await Task.WhenAll(Enumerable.Range(0, instances).Select(i => hub.Client.ScheduleNewOrchestrationInstanceAsync(
            "AwaitGo", null, new StartOrchestrationOptions(InstanceId(prefix, i)), cancellation)));
        await hub.WaitForAsync(OrchestrationRuntimeStatus.Running, instances, TimeSpan.FromMilliseconds(100), cancellation);

        var raisedAt = new DateTime[instances];
        var raises = new List<Task>(instances);
        DateTimeOffset first = TimeProvider.System.GetUtcNow();
        for (int i = 0; i < instances; i++)
        {
            TimeSpan wait = first + (RaiseEvery * i) - TimeProvider.System.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellation);
            }

            raisedAt[i] = TimeProvider.System.GetUtcNow().UtcDateTime;
            raises.Add(raiser.RaiseEventAsync(InstanceId(prefix, i), "go", "now", cancellation));
        }

        await Task.WhenAll(raises);
        await hub.WaitForAsync(OrchestrationRuntimeStatus.Completed, completedBefore + instances, TimeSpan.FromMilliseconds(100), cancellation);

        var latencies = new double[instances];
        await Parallel.ForEachAsync(Enumerable.Range(0, instances), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellation }, async (i, c) =>
        {
            IReadOnlyList<HistoryRow> history = await hub.HistoryAsync(InstanceId(prefix, i), c);
            latencies[i] = (history.Last(r => r.EventType == "ExecutionCompleted").At - raisedAt[i]).TotalMilliseconds;
        });
        return latencies;
    }

    private static string InstanceId(string prefix, int i) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:D5}");
}
