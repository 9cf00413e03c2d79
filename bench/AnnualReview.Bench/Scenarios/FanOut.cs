using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AnnualReview.Bench.Scenarios;

/// <summary>FanOut100: M orchestrations, each calling 100 activities at once and summing their results.</summary>
internal static class FanOut
{
    private const int Width = 100;

    public static async Task RunAsync(BenchOptions options, BenchResults results, CancellationToken cancellation)
    {
        int orchestrations = options.FanOuts;
        await using BenchHub hub = await BenchHub.StartAsync("fanout", registry => registry
            .AddActivityFunc<int, int>("Square", (_, x) => x * x)
            .AddOrchestratorFunc<int, long>("FanOut100", async (context, width) =>
            {
                var calls = new List<Task<int>>(width);
                for (int i = 0; i < width; i++)
                {
                    calls.Add(context.CallActivityAsync<int>("Square", i));
                }

                int[] squares = await Task.WhenAll(calls);
                return squares.Sum(s => (long)s);
            }), options, cancellation);

        var before = hub.Calls.Snapshot();
        DateTimeOffset started = TimeProvider.System.GetUtcNow();
        await Task.WhenAll(Enumerable.Range(0, orchestrations).Select(i => hub.Client.ScheduleNewOrchestrationInstanceAsync(
            "FanOut100", Width, new StartOrchestrationOptions(InstanceId(i)), cancellation)));
        InstanceTally done = await hub.WaitForAsync(OrchestrationRuntimeStatus.Completed, orchestrations, TimeSpan.FromMilliseconds(100), cancellation);
        await hub.SealedAsync(cancellation);
        StorageCalls calls = StorageCalls.Between(before, hub.Calls.Snapshot());

        long expected = Enumerable.Range(0, Width).Sum(i => (long)i * i);
        OrchestrationMetadata? first = await hub.Observer.GetInstanceAsync(InstanceId(0), getInputsAndOutputs: true, cancellation);
        if (first?.ReadOutputAs<long>() != expected)
        {
            throw new InvalidOperationException($"FanOut100 returned {first?.SerializedOutput ?? "nothing"}, expected {expected}.");
        }

        double seconds = (done.LastCompletedAt!.Value - started).TotalSeconds;
        double activities = (double)orchestrations * Width;
        results.FanOutOrchestrations = orchestrations;
        results.FanOutActivitiesPerSecond = Stats.Round(activities / seconds);
        results.FanOutStorageCallsPerActivity = Stats.Round(calls.ExcludingEmptyPolls / activities, 2);
        results.EngineWarnings += hub.Warnings.Count;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"FanOut100: {orchestrations} orchestrations x {Width} parallel activities in {seconds:F2} s: {results.FanOutActivitiesPerSecond} activities/s; " +
            $"storage calls {results.FanOutStorageCallsPerActivity} per activity excluding empty polls ({calls.Total:N0} calls, " +
            $"{calls.EmptyQueuePolls:N0} empty receives, {calls.EmptyTableQueries:N0} empty queries); engine warnings {hub.Warnings.Count}"));
        calls.WriteBreakdown(Console.Out, activities, "activity");
    }

    private static string InstanceId(int i) => string.Create(CultureInfo.InvariantCulture, $"fanout-{i:D4}");
}
