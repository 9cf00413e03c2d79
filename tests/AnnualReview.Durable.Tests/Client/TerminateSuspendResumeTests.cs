using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;
using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests.Client;

[Collection("azurite")]
public sealed class TerminateSuspendResumeTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static DurableTaskRegistry WaitingRegistry() => new DurableTaskRegistry()
        .AddOrchestratorFunc<string, string>("AwaitGo", async (ctx, _) => "got " + await ctx.WaitForExternalEvent<string>("Go"));

    [Fact]
    public async Task TerminateInstanceAsync_WaitingInstance_EndsTerminatedWithTheReasonAsOutput()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        await using var engine = await EngineHarness.StartAsync(EngineHarness.Options(azurite, "terminate"), WaitingRegistry(), output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("AwaitGo", "", cancellation: timeout);
        await engine.Client.WaitForInstanceStartAsync(id, timeout);
        await engine.Client.TerminateInstanceAsync(id, "cycle cancelled by the committee", timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("cycle cancelled by the committee", done.ReadOutputAs<string>());
        InstanceHistory history = (await engine.Client.GetHistoryAsync(id, timeout))!;
        Assert.True(history.Verification.IsIntact, history.Verification.Reason);
        Assert.Single(history.Events, e => e.Type == HistoryEventType.ExecutionTerminated);
        HistoryEvent completed = Assert.Single(history.Events, e => e.Type == HistoryEventType.ExecutionCompleted);
        Assert.Equal(nameof(OrchestrationRuntimeStatus.Terminated), completed.Status);
    }

    [Fact]
    public async Task ResumeInstanceAsync_EventRaisedWhileSuspended_IsActedOnOnlyAfterResume()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        await using var engine = await EngineHarness.StartAsync(EngineHarness.Options(azurite, "suspend"), WaitingRegistry(), output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("AwaitGo", "", cancellation: timeout);
        await engine.Client.WaitForInstanceStartAsync(id, timeout);
        await engine.Client.SuspendInstanceAsync(id, "audit in progress", timeout);
        await Eventually.ReturnsAsync(
            async () => (await engine.Client.GetInstanceAsync(id, cancellation: timeout))!.RuntimeStatus,
            status => status == OrchestrationRuntimeStatus.Suspended,
            "the instance to show Suspended",
            timeout);

        await engine.Client.RaiseEventAsync(id, "Go", "now", timeout);
        await Eventually.TrueAsync(
            async () => (await engine.Client.GetHistoryAsync(id, timeout))!.Events.Any(e => e.Type == HistoryEventType.EventRaised),
            "the event to be recorded",
            timeout);
        OrchestrationMetadata suspended = (await engine.Client.GetInstanceAsync(id, getInputsAndOutputs: true, timeout))!;
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, suspended.RuntimeStatus);
        Assert.Null(suspended.SerializedOutput);

        await engine.Client.ResumeInstanceAsync(id, "audit done", timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("got now", done.ReadOutputAs<string>());
        InstanceHistory history = (await engine.Client.GetHistoryAsync(id, timeout))!;
        Assert.True(history.Verification.IsIntact, history.Verification.Reason);
        List<HistoryEventType> order = [.. history.Events
            .Where(e => e.Type is HistoryEventType.ExecutionSuspended or HistoryEventType.EventRaised or HistoryEventType.ExecutionResumed or HistoryEventType.ExecutionCompleted)
            .Select(e => e.Type)];
        Assert.Equal([HistoryEventType.ExecutionSuspended, HistoryEventType.EventRaised, HistoryEventType.ExecutionResumed, HistoryEventType.ExecutionCompleted], order);
    }
}
