using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AnnualReview.Bench.Scenarios;

/// <summary>
/// Worker memory with many idle instances: I instances that wait forever for an event, started 32 at a time.
/// Once the Instances table shows them all Running, the process's managed heap and working set after a full GC. The
/// benchmark itself holds nothing per instance, so the figures are the engine's (and the runtime's).
/// </summary>
internal static class IdleMemory
{
    private const int StartConcurrency = 32;
    private const int ProgressEvery = 10_000;

    public static async Task RunAsync(BenchOptions options, BenchResults results, CancellationToken cancellation)
    {
        int instances = options.IdleInstances;
        long baseline = MeasureWorkingSet().WorkingSet;
        await using BenchHub hub = await BenchHub.StartAsync("idle", registry => registry
            .AddOrchestratorFunc<string?, string>("WaitForever", async (context, _) => await context.WaitForExternalEvent<string>("never")), options, cancellation);

        var before = hub.Calls.Snapshot();
        var clock = Stopwatch.StartNew();
        int started = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, instances), new ParallelOptions { MaxDegreeOfParallelism = StartConcurrency, CancellationToken = cancellation }, async (i, c) =>
        {
            await hub.Client.ScheduleNewOrchestrationInstanceAsync("WaitForever", null, new StartOrchestrationOptions(InstanceId(i)), c);
            int done = Interlocked.Increment(ref started);
            if (done % ProgressEvery == 0)
            {
                int queued = await hub.QueuedMessagesAsync(c);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  idle: {done:N0} started in {clock.Elapsed.TotalSeconds:F0} s; {queued:N0} messages queued; working set {Stats.Megabytes(Environment.WorkingSet)} MB, heap {Stats.Megabytes(GC.GetTotalMemory(false))} MB (no forced GC)"));
            }
        });
        double startSeconds = clock.Elapsed.TotalSeconds;

        // Listing the whole Instances table loads Azurite, so it waits for the queues to drain before it looks.
        int running;
        while ((running = await RunningOnceDrainedAsync(hub, clock, cancellation)) < instances)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  idle: {running:N0} of {instances:N0} running after {clock.Elapsed.TotalSeconds:F0} s"));
            await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
        }

        double allRunningSeconds = clock.Elapsed.TotalSeconds;
        StorageCalls calls = StorageCalls.Between(before, hub.Calls.Snapshot());
        (long workingSet, long heap) = MeasureWorkingSet();

        results.IdleInstances = instances;
        results.IdleWorkingSetMb = Stats.Megabytes(workingSet);
        results.IdleManagedHeapMb = Stats.Megabytes(heap);
        results.IdleBaselineWorkingSetMb = Stats.Megabytes(baseline);
        results.IdleStartsPerSecond = Stats.Round(instances / allRunningSeconds);
        results.EngineWarnings += hub.Warnings.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"IdleMemory: {instances:N0} idle instances (started in {startSeconds:F1} s, all Running after {allRunningSeconds:F1} s = " +
            $"{results.IdleStartsPerSecond} instances/s): managed heap {results.IdleManagedHeapMb} MB, working set {results.IdleWorkingSetMb} MB " +
            $"(the process before its engine: {results.IdleBaselineWorkingSetMb} MB); " +
            $"engine warnings {hub.Warnings.Count}; storage calls to start them {calls.ExcludingEmptyPolls / (double)instances:F2} per instance excluding empty polls"));
        calls.WriteBreakdown(Console.Out, instances, "instance started");
    }

    private static async Task<int> RunningOnceDrainedAsync(BenchHub hub, Stopwatch clock, CancellationToken cancellation)
    {
        var report = Stopwatch.StartNew();
        int queued;
        while ((queued = await hub.QueuedMessagesAsync(cancellation)) > 0)
        {
            if (report.Elapsed > TimeSpan.FromSeconds(10))
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  idle: {queued:N0} messages still queued after {clock.Elapsed.TotalSeconds:F0} s"));
                report.Restart();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellation);
        }

        return (await hub.TallyAsync(cancellation)).Of(OrchestrationRuntimeStatus.Running);
    }

    private static (long WorkingSet, long Heap) MeasureWorkingSet()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        return (Environment.WorkingSet, heap);
    }

    private static string InstanceId(int i) => string.Create(CultureInfo.InvariantCulture, $"idle-{i:D6}");
}
