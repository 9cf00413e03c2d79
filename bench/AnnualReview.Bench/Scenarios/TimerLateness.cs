using System.Globalization;
using AnnualReview.Durable;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;

namespace AnnualReview.Bench.Scenarios;

/// <summary>
/// Timer lateness: T instances each sleep on a durable timer due 1–5 s (at random) after their first step,
/// on the real clock. Lateness is the TimerFired event's timestamp in history (the step that applied it)
/// minus the timer's due time.
/// </summary>
internal static class TimerLateness
{
    public static async Task RunAsync(BenchOptions options, BenchResults results, CancellationToken cancellation)
    {
        int instances = options.Timers;
        var registry = new DurableTaskRegistry()
            .AddOrchestratorFunc<int, int>("SleepThenWake", async (context, delayMs) =>
            {
                await context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(delayMs), CancellationToken.None);
                return delayMs;
            });
        await using BenchHub hub = await BenchHub.StartAsync("timers", registry, options, cancellation);

        int[] delays = [.. Enumerable.Range(0, instances).Select(_ => Random.Shared.Next(1_000, 5_001))];
        await Task.WhenAll(Enumerable.Range(0, instances).Select(i => hub.Client.ScheduleNewOrchestrationInstanceAsync(
            "SleepThenWake", delays[i], new StartOrchestrationOptions(InstanceId(i)), cancellation)));
        await hub.WaitForAsync(OrchestrationRuntimeStatus.Completed, instances, TimeSpan.FromMilliseconds(250), cancellation);

        var lateness = new double[instances];
        await Parallel.ForEachAsync(Enumerable.Range(0, instances), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellation }, async (i, c) =>
        {
            InstanceHistory history = await hub.Observer.GetHistoryAsync(InstanceId(i), c)
                ?? throw new InvalidOperationException($"Instance {InstanceId(i)} has no history.");
            HistoryEvent fired = history.Events.Single(e => e.Type == HistoryEventType.TimerFired);
            DateTime due = fired.FireAt ?? throw new InvalidOperationException($"The timer of {InstanceId(i)} has no due time.");
            lateness[i] = (Stats.AsUtc(fired.Timestamp) - Stats.AsUtc(due)).TotalMilliseconds;
        });

        results.TimerInstances = instances;
        results.TimerLatenessP50Ms = Stats.Round(Stats.Percentile(lateness, 50));
        results.TimerLatenessP99Ms = Stats.Round(Stats.Percentile(lateness, 99));
        results.TimerLatenessMaxMs = Stats.Round(lateness.Max());
        results.EngineWarnings += hub.Warnings.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"TimerLateness: {instances} timers due 1-5 s after their first step, fired-step timestamp minus due time: " +
            $"p50 {results.TimerLatenessP50Ms} ms, p99 {results.TimerLatenessP99Ms} ms, max {results.TimerLatenessMaxMs} ms, min {Stats.Round(lateness.Min())} ms; " +
            $"engine warnings {hub.Warnings.Count}"));
    }

    private static string InstanceId(int i) => string.Create(CultureInfo.InvariantCulture, $"timer-{i:D5}");
}
