using AnnualReview.Durable.Client;
using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests.Client;

[Collection("azurite")]
public sealed class CustomStatusTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private sealed record Stage(string Name, int Step);

    [Fact]
    public async Task GetInstanceAsync_OrchestratorWaitingAfterSetCustomStatus_ShowsTheStatusThenTheLaterOne()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        var registry = new DurableTaskRegistry()
            .AddOrchestratorFunc<string, string>("Staged", async (ctx, _) =>
            {
                ctx.SetCustomStatus(new Stage("self-review", 1));
                string vote = await ctx.WaitForExternalEvent<string>("Vote");
                ctx.SetCustomStatus(new Stage("recognition", 4));
                return vote;
            });
        await using var engine = await EngineHarness.StartAsync(EngineHarness.Options(azurite, "custom"), registry, output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Staged", "", cancellation: timeout);
        OrchestrationMetadata waiting = await engine.Client.WaitForInstanceStartAsync(id, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting.RuntimeStatus);
        Assert.Equal(new Stage("self-review", 1), waiting.ReadCustomStatusAs<Stage>());
        await engine.Client.RaiseEventAsync(id, "Vote", "excellent", timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new Stage("recognition", 4), done.ReadCustomStatusAs<Stage>());
        Assert.Equal("excellent", done.ReadOutputAs<string>());
    }
}
