using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;
using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests.Worker;

[Collection("azurite")]
public sealed class ExternalEventTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task WaitForExternalEvent_TwoEventsOfOneNameRaisedBeforeTheWait_DeliversBothInArrivalOrder()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(30));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<int, int>("Hold", async (_, n) =>
            {
                await gate.Task.WaitAsync(timeout);
                return n;
            })
            .AddOrchestratorFunc<int, int[]>("TwoA", async (ctx, _) =>
            {
                // The events arrive while this activity is held, so both are kept before anything waits for them.
                await ctx.CallActivityAsync<int>("Hold", 0);
                int first = await ctx.WaitForExternalEvent<int>("a");
                int second = await ctx.WaitForExternalEvent<int>("a");
                return [first, second];
            });
        var options = EngineHarness.Options(azurite, "evbefore");
        options.MessageVisibilityTimeout = TimeSpan.FromSeconds(30);
        await using var engine = await EngineHarness.StartAsync(options, registry, output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("TwoA", 0, cancellation: timeout);
        await engine.Client.WaitForInstanceStartAsync(id, timeout);
        await engine.Client.RaiseEventAsync(id, "a", 1, timeout);
        await engine.Client.RaiseEventAsync(id, "a", 2, timeout);
        await Eventually.TrueAsync(
            async () => (await engine.Client.GetHistoryAsync(id, timeout))!.Events.Count(e => e.Type == HistoryEventType.EventRaised) == 2,
            "both events in history",
            timeout);
        InstanceHistory beforeWait = (await engine.Client.GetHistoryAsync(id, timeout))!;
        Assert.DoesNotContain(beforeWait.Events, e => e.Type == HistoryEventType.TaskCompleted);
        gate.SetResult();

        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal([1, 2], done.ReadOutputAs<int[]>()!);
    }

    [Fact]
    public async Task WaitForExternalEvent_EventRaisedWhileWaiting_CompletesWithItsPayload()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        var registry = new DurableTaskRegistry()
            .AddOrchestratorFunc<string, string>("Approve", async (ctx, who) =>
            {
                string decision = await ctx.WaitForExternalEvent<string>("Decision");
                return $"{who}: {decision}";
            });
        await using var engine = await EngineHarness.StartAsync(EngineHarness.Options(azurite, "evafter"), registry, output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Approve", "cell 7", cancellation: timeout);
        // Running is committed by the step in which the code reached its wait.
        OrchestrationMetadata started = await engine.Client.WaitForInstanceStartAsync(id, timeout);
        Assert.Equal(OrchestrationRuntimeStatus.Running, started.RuntimeStatus);
        await engine.Client.RaiseEventAsync(id, "Decision", "approved", timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("cell 7: approved", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForExternalEvent_TimeoutElapsesFirst_ThrowsTaskCanceledIntoTheOrchestrator()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        await using var engine = await EngineHarness.StartAsync(EngineHarness.Options(azurite, "evtimeout"), WaitWithTimeoutRegistry(), output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("WaitOrGiveUp", TimeSpan.FromMilliseconds(500), cancellation: timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("timeout", done.ReadOutputAs<string>());
        InstanceHistory history = (await engine.Client.GetHistoryAsync(id, timeout))!;
        Assert.Contains(history.Events, e => e.Type == HistoryEventType.TimerFired);
    }

    [Fact]
    public async Task WaitForExternalEvent_EventArrivesBeforeTheTimeout_ReturnsTheEventAndIgnoresTheTimer()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        await using var engine = await EngineHarness.StartAsync(EngineHarness.Options(azurite, "evintime"), WaitWithTimeoutRegistry(), output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("WaitOrGiveUp", TimeSpan.FromHours(1), cancellation: timeout);
        await engine.Client.WaitForInstanceStartAsync(id, timeout);
        await engine.Client.RaiseEventAsync(id, "Report", "submitted", timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("event: submitted", done.ReadOutputAs<string>());
        InstanceHistory history = (await engine.Client.GetHistoryAsync(id, timeout))!;
        Assert.Single(history.Events, e => e.Type == HistoryEventType.TimerCreated);
        Assert.DoesNotContain(history.Events, e => e.Type == HistoryEventType.TimerFired);
    }

    private static DurableTaskRegistry WaitWithTimeoutRegistry() => new DurableTaskRegistry()
        .AddOrchestratorFunc<TimeSpan, string>("WaitOrGiveUp", async (ctx, limit) =>
        {
            try
            {
                return "event: " + await ctx.WaitForExternalEvent<string>("Report", limit);
            }
            catch (TaskCanceledException)
            {
                return "timeout";
            }
        });
}
