using System.Collections.Concurrent;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;
using AnnualReview.Durable.Hosting;
using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests.Worker;

/// <summary>
/// The crash test: a scenario with three activities, a timer and an event, run once per storage call
/// with the worker "dying" at that call, then recovered by a fresh worker on the same task hub.
/// </summary>
[Collection("azurite")]
public sealed class FaultInjectionTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string InstanceId = "member-0042";
    private const string Expected = "A(An)|B(A(An))|go|C(A(An))";

    [Fact]
    public async Task Scenario_CrashAtEveryStorageCall_RecoversWithTheSameOutputAndNoDuplicates()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(8));
        int calls = await CountCallsAsync(timeout);
        output.WriteLine($"The scenario makes {calls} storage calls besides idle polling.");
        Assert.InRange(calls, 15, 400);

        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(1, calls), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = timeout }, async (crashAt, ct) =>
        {
            string? problem = await RunWithCrashAsync(crashAt, ct);
            if (problem is not null)
            {
                failures.Add($"crash at call {crashAt}: {problem}");
            }
        });

        Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures.OrderBy(f => f, StringComparer.Ordinal)));
    }

    private async Task<int> CountCallsAsync(CancellationToken timeout)
    {
        var counter = new FaultInjectionPolicy(int.MaxValue);
        var effects = new ConcurrentBag<string>();
        DurableTaskOptions options = Options("faultdry");
        await new DurableTaskEngine(Options(options.TaskHubName), Registry(effects)).Worker.EnsureCreatedAsync(timeout);
        options.StoragePolicies.Add(counter);
        await using (var engine = await EngineHarness.StartAsync(options, Registry(effects)))
        {
            await StartAndRaiseAsync(engine, timeout);
            OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(InstanceId, true, timeout);
            Assert.Equal(Expected, done.ReadOutputAs<string>());
        }

        return counter.Counted;
    }

    private async Task<string?> RunWithCrashAsync(int crashAt, CancellationToken timeout)
    {
        var effects = new ConcurrentBag<string>();
        string hub = AzuriteServer.NewTaskHubName("fault");
        await new DurableTaskEngine(Options(hub), Registry(effects)).Worker.EnsureCreatedAsync(timeout);

        var crash = new FaultInjectionPolicy(crashAt);
        DurableTaskOptions faulty = Options(hub);
        faulty.StoragePolicies.Add(crash);
        bool clientDone = false;
        try
        {
            await using var engine = await EngineHarness.StartAsync(faulty, Registry(effects));
            await StartAndRaiseAsync(engine, timeout);
            clientDone = true;
            while (!crash.Crashed)
            {
                OrchestrationMetadata? state = await engine.Client.GetInstanceAsync(InstanceId, false, timeout);
                if (state?.IsCompleted == true)
                {
                    break;
                }

                await Task.Delay(50, timeout);
            }
        }
        catch (InjectedCrashException)
        {
            // The process died (worker and client with it); a real caller retries what did not return.
        }

        // A fresh worker, no faults, same task hub.
        await using var fresh = await EngineHarness.StartAsync(Options(hub), Registry(effects));
        if (!clientDone)
        {
            await StartAndRaiseAsync(fresh, timeout);
        }

        using var recovery = CancellationTokenSource.CreateLinkedTokenSource(timeout);
        recovery.CancelAfter(TimeSpan.FromSeconds(60));
        OrchestrationMetadata done;
        try
        {
            done = await fresh.Client.WaitForInstanceCompletionAsync(InstanceId, true, recovery.Token);
        }
        catch (OperationCanceledException)
        {
            OrchestrationMetadata? stuck = await fresh.Client.GetInstanceAsync(InstanceId, true, timeout);
            return $"not completed after recovery (status {stuck?.RuntimeStatus})";
        }

        if (done.ReadOutputAs<string>() != Expected)
        {
            return $"output {done.SerializedOutput} ({done.RuntimeStatus}, {done.FailureDetails})";
        }

        InstanceHistory history = (await fresh.Client.GetHistoryAsync(InstanceId, timeout))!;
        if (!history.Verification.IsIntact)
        {
            return "history does not verify: " + history.Verification.Reason;
        }

        return DuplicateIn(history.Events.ToList())
            ?? (new[] { "A", "B", "C" }.FirstOrDefault(a => !effects.Contains(a)) is { } missing ? $"activity {missing} never ran" : null);
    }

    private static string? DuplicateIn(List<HistoryEvent> events)
    {
        var actions = events.Where(e => e.IsAction).GroupBy(e => e.EventId).FirstOrDefault(g => g.Count() > 1);
        var answers = events.Where(e => e.TaskScheduledId >= 0).GroupBy(e => e.TaskScheduledId).FirstOrDefault(g => g.Count() > 1);
        int starts = events.Count(e => e.Type == HistoryEventType.ExecutionStarted);
        int ends = events.Count(e => e.Type == HistoryEventType.ExecutionCompleted);
        int raised = events.Count(e => e.Type == HistoryEventType.EventRaised);
        return actions is not null ? $"action #{actions.Key} recorded {actions.Count()} times"
            : answers is not null ? $"answer to #{answers.Key} recorded {answers.Count()} times"
            : starts != 1 || ends != 1 ? $"{starts} starts and {ends} completions"
            : raised != 1 ? $"{raised} events raised"
            : null;
    }

    private static async Task StartAndRaiseAsync(DurableTaskEngine engine, CancellationToken timeout)
    {
        await engine.Client.ScheduleNewOrchestrationInstanceAsync("Crashable", "An", new StartOrchestrationOptions(InstanceId), timeout);
        await engine.Client.RaiseEventAsync(InstanceId, "go", "go", timeout);
    }

    private DurableTaskOptions Options(string hubOrPrefix)
    {
        DurableTaskOptions options = EngineHarness.Options(azurite, hubOrPrefix);
        options.TaskHubName = hubOrPrefix.Length > 8 ? hubOrPrefix : AzuriteServer.NewTaskHubName(hubOrPrefix);
        options.MessageVisibilityTimeout = TimeSpan.FromSeconds(1);
        options.ConfigureClientOptions = client => client.Retry.MaxRetries = 0;
        return options;
    }

    private static DurableTaskRegistry Registry(ConcurrentBag<string> effects) => new DurableTaskRegistry()
        .AddActivityFunc<string, string>("A", s => { effects.Add("A"); return $"A({s})"; })
        .AddActivityFunc<string, string>("B", s => { effects.Add("B"); return $"B({s})"; })
        .AddActivityFunc<string, string>("C", s => { effects.Add("C"); return $"C({s})"; })
        .AddOrchestratorFunc<string, string>("Crashable", async (ctx, name) =>
        {
            string a = await ctx.CallActivityAsync<string>("A", name);
            await ctx.CreateTimer(TimeSpan.FromMilliseconds(300), CancellationToken.None);
            string b = await ctx.CallActivityAsync<string>("B", a);
            string go = await ctx.WaitForExternalEvent<string>("go");
            string c = await ctx.CallActivityAsync<string>("C", a);
            return $"{a}|{b}|{go}|{c}";
        });
}
