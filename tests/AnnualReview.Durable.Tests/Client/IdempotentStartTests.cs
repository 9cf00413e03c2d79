using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;
using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests.Client;

[Collection("azurite")]
public sealed class IdempotentStartTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_SameInstanceIdTwice_ReturnsThatIdAndRunsTheOrchestrationOnce()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        int runs = 0;
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<string, int>("OpenCycle", _ => Interlocked.Increment(ref runs))
            .AddOrchestratorFunc<string, string>("Cycle", async (ctx, year) => $"{year} opened by run {await ctx.CallActivityAsync<int>("OpenCycle", year)}");
        await using var engine = await EngineHarness.StartAsync(EngineHarness.Options(azurite, "idempotent"), registry, output);
        var options = new StartOrchestrationOptions("cycle-2025");

        string[] ids = await Task.WhenAll(
            engine.Client.ScheduleNewOrchestrationInstanceAsync("Cycle", "2025", options, timeout),
            engine.Client.ScheduleNewOrchestrationInstanceAsync("Cycle", "2025 again", options, timeout));
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync("cycle-2025", getInputsAndOutputs: true, timeout);
        string again = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Cycle", "2025 once more", options, timeout);

        Assert.Equal(["cycle-2025", "cycle-2025"], ids);
        Assert.Equal("cycle-2025", again);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(1, Volatile.Read(ref runs));
        OrchestrationMetadata after = (await engine.Client.GetInstanceAsync("cycle-2025", getInputsAndOutputs: true, timeout))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after.RuntimeStatus);
        Assert.Equal(done.ExecutionId, after.ExecutionId);
        Assert.Equal(done.SerializedInput, after.SerializedInput);
        Assert.Equal($"{done.ReadInputAs<string>()} opened by run 1", after.ReadOutputAs<string>());
        InstanceHistory history = (await engine.Client.GetHistoryAsync("cycle-2025", timeout))!;
        Assert.True(history.Verification.IsIntact, history.Verification.Reason);
        Assert.Single(history.Events, e => e.Type == HistoryEventType.ExecutionStarted);
        Assert.Single(history.Events, e => e.Type == HistoryEventType.TaskScheduled);
    }
}
