using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AnnualReview.Bench.Scenarios;

/// <summary>
/// Timer lateness: T instances each sleep on a durable timer due 1–5 s (at random) after their first step, on the
/// real clock. Lateness is the timestamp of the step that applied the timer (the OrchestratorStarted row before the
/// TimerFired row in the task hub's History table) minus the timer's due time (the TimerFired row's FireAt). The
/// TimerFired row's own timestamp is of no use here: DTFx makes the event when the timer is set, not when it fires.
/// </summary>
internal static class TimerLateness
{
    public static async Task RunAsync(BenchOptions options, BenchResults results, CancellationToken cancellation)
    {
        int instances = options.Timers;
        await using BenchHub hub = await BenchHub.StartAsync("timers", registry => registry
            .AddOrchestratorFunc<int, int>("SleepThenWake", async (context, delayMs) =>
            {
                await context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(delayMs), CancellationToken.None);
                return delayMs;
            }), options, cancellation);

        int[] delays = [.. Enumerable.Range(0, instances).Select(_ => Random.Shared.Next(1_000, 5_001))];
        await Task.WhenAll(Enumerable.Range(0, instances).Select(i => hub.Client.ScheduleNewOrchestrationInstanceAsync(
            "SleepThenWake", delays[i], new StartOrchestrationOptions(InstanceId(i)), cancellation)));
        await hub.WaitForAsync(OrchestrationRuntimeStatus.Completed, instances, TimeSpan.FromMilliseconds(250), cancellation);

        var lateness = new double[instances];
        await Parallel.ForEachAsync(Enumerable.Range(0, instances), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellation }, async (i, c) =>
        {
            IReadOnlyList<HistoryRow> history = await hub.HistoryAsync(InstanceId(i), c);
            int fired = history.ToList().FindIndex(r => r.EventType == "TimerFired");
            HistoryRow? step = fired < 0 ? null : history.Take(fired).LastOrDefault(r => r.EventType == "OrchestratorStarted");
            DateTime due = (fired < 0 ? null : history[fired].FireAt) ?? throw new InvalidOperationException($"The timer of {InstanceId(i)} has no due time.");
            lateness[i] = ((step ?? throw new InvalidOperationException($"No step of {InstanceId(i)} applied its timer.")).At - due).TotalMilliseconds;
        });

        results.TimerInstances = instances;
        results.TimerLatenessP50Ms = Stats.Round(Stats.Percentile(lateness, 50));
        results.TimerLatenessP99Ms = Stats.Round(Stats.Percentile(lateness, 99));
        results.TimerLatenessMaxMs = Stats.Round(lateness.Max());
        results.EngineWarnings += hub.Warnings.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"TimerLateness: {instances} timers due 1-5 s after their first step, applying step's timestamp minus due time: " +
            $"p50 {results.TimerLatenessP50Ms} ms, p99 {results.TimerLatenessP99Ms} ms, max {results.TimerLatenessMaxMs} ms, min {Stats.Round(lateness.Min())} ms; " +
            $"engine warnings {hub.Warnings.Count}"));
    }

    private static string InstanceId(int i) => string.Create(CultureInfo.InvariantCulture, $"timer-{i:D5}");
}
