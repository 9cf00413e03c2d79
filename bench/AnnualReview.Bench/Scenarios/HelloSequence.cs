using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AnnualReview.Bench.Scenarios;

/// <summary>
/// HelloCities5: N orchestrations, all started at once, each calling five activities one after another.
/// Throughput from the first start to the last completion, and storage calls per orchestration and per step.
/// </summary>
internal static class HelloSequence
{
    private const int Steps = 5;
    private static readonly string[] Cities = ["Hà Nội", "Huế", "Đà Nẵng", "Cần Thơ", "TP.HCM"];

    public static async Task RunAsync(BenchOptions options, BenchResults results, CancellationToken cancellation)
    {
        int orchestrations = options.Orchestrations;
        await using BenchHub hub = await BenchHub.StartAsync("hello", registry => registry
            .AddActivityFunc<string, string>("SayHello", (_, city) => "Hello " + city)
            .AddOrchestratorFunc<string, List<string>>("HelloSequence5", async (context, prefix) =>
            {
                var greetings = new List<string>(Steps);
                foreach (string city in Cities)
                {
                    greetings.Add(await context.CallActivityAsync<string>("SayHello", prefix + city));
                }

                return greetings;
            }), options, cancellation);

        var before = hub.Calls.Snapshot();
        DateTimeOffset started = TimeProvider.System.GetUtcNow();
        await Task.WhenAll(Enumerable.Range(0, orchestrations).Select(i => hub.Client.ScheduleNewOrchestrationInstanceAsync(
            "HelloSequence5", string.Create(CultureInfo.InvariantCulture, $"{i} "), new StartOrchestrationOptions(InstanceId(i)), cancellation)));
        double startSeconds = (TimeProvider.System.GetUtcNow() - started).TotalSeconds;
        InstanceTally done = await hub.WaitForAsync(OrchestrationRuntimeStatus.Completed, orchestrations, TimeSpan.FromMilliseconds(100), cancellation);
        await hub.SealedAsync(cancellation);
        StorageCalls calls = StorageCalls.Between(before, hub.Calls.Snapshot());
        await CheckOutputAsync(hub, orchestrations - 1, cancellation);

        double seconds = (done.LastCompletedAt!.Value - started).TotalSeconds;
        double activities = (double)orchestrations * Steps;
        results.HelloOrchestrations = orchestrations;
        results.OrchestrationsPerSecond = Stats.Round(orchestrations / seconds);
        results.ActivitiesPerSecond = Stats.Round(activities / seconds);
        results.StorageCallsPerOrchestration = Stats.Round(calls.ExcludingEmptyPolls / (double)orchestrations, 2);
        results.StorageCallsPerActivity = Stats.Round(calls.ExcludingEmptyPolls / activities, 2);
        results.StorageCallsPerActivityIncludingEmptyPolls = Stats.Round(calls.Total / activities, 2);
        results.StorageCallsPerActivityExcludingAllEmptyReads = Stats.Round(calls.ExcludingAllEmpty / activities, 2);
        results.SealerStorageCallsPerActivity = Stats.Round(calls.Sealer / activities, 2);
        results.EngineWarnings += hub.Warnings.Count;
        List<double> sealDelays = await hub.SealDelaysMsAsync(Enumerable.Range(0, orchestrations).Select(InstanceId), cancellation);
        results.SealDelayP50Ms = Stats.Round(Stats.Percentile(sealDelays, 50));
        results.SealDelayP99Ms = Stats.Round(Stats.Percentile(sealDelays, 99));
        results.SealDelayMaxMs = Stats.Round(sealDelays.Max());

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"HelloSequence5: {orchestrations} orchestrations x {Steps} activities in {seconds:F2} s (starts took {startSeconds:F2} s): " +
            $"{results.OrchestrationsPerSecond} orchestrations/s, {results.ActivitiesPerSecond} activities/s; storage calls " +
            $"{results.StorageCallsPerOrchestration} per orchestration, {results.StorageCallsPerActivity} per activity step excluding empty polls " +
            $"({results.StorageCallsPerActivityIncludingEmptyPolls} with them, {results.StorageCallsPerActivityExcludingAllEmptyReads} without empty table queries either; " +
            $"the history sealer's share {results.SealerStorageCallsPerActivity}; " +
            $"{calls.Total:N0} calls, {calls.EmptyQueuePolls:N0} empty receives, {calls.EmptyTableQueries:N0} empty queries); engine warnings {hub.Warnings.Count}; " +
            $"events sealed after {results.SealDelayP50Ms} ms (p50), {results.SealDelayP99Ms} ms (p99), {results.SealDelayMaxMs} ms at most"));
        calls.WriteBreakdown(Console.Out, activities, "activity step");
    }

    private static string InstanceId(int i) => string.Create(CultureInfo.InvariantCulture, $"hello-{i:D6}");

    /// <summary>One instance's output, to be sure the figures come from orchestrations that did their work.</summary>
    private static async Task CheckOutputAsync(BenchHub hub, int i, CancellationToken cancellation)
    {
        OrchestrationMetadata? last = await hub.Observer.GetInstanceAsync(InstanceId(i), getInputsAndOutputs: true, cancellation);
        List<string>? greetings = last?.ReadOutputAs<List<string>>();
        string expected = string.Create(CultureInfo.InvariantCulture, $"Hello {i} TP.HCM");
        if (greetings is not { Count: Steps } || greetings[^1] != expected)
        {
            throw new InvalidOperationException($"Instance {InstanceId(i)} returned {last?.SerializedOutput ?? "nothing"}, expected five greetings ending with '{expected}'.");
        }
    }
}
