using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;
using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests.Worker;

[Collection("azurite")]
public sealed class ContinueAsNewTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task ContinueAsNew_CounterContinuesFiveTimes_CompletesWithTheFinalCountAndKeepsEveryExecutionInHistory()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(30));
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<int, int>("Increment", n => n + 1)
            .AddOrchestratorFunc<int, int>("Counter", async (ctx, count) =>
            {
                if (count == 5)
                {
                    return count;
                }

                ctx.ContinueAsNew(await ctx.CallActivityAsync<int>("Increment", count));
                return -1;
            });
        await using var engine = await EngineHarness.StartAsync(EngineHarness.Options(azurite, "can"), registry, output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0, cancellation: timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(5, done.ReadOutputAs<int>());
        Assert.Equal(5, done.ReadInputAs<int>());
        InstanceHistory? history = await engine.Client.GetHistoryAsync(id, timeout);
        Assert.NotNull(history);
        Assert.True(history.Verification.IsIntact, history.Verification.Reason);
        List<HistoryEvent> starts = [.. history.Events.Where(e => e.Type == HistoryEventType.ExecutionStarted)];
        Assert.Equal([0, 1, 2, 3, 4, 5], starts.Select(e => DataConverter.Deserialize<int>(e.Input)));
        Assert.Equal(6, starts.Select(e => e.ExecutionId).Distinct().Count());
        Assert.Equal(6, history.Rows.Select(r => r.ExecutionId).Distinct().Count());
        Assert.Equal(done.ExecutionId, history.Rows[^1].ExecutionId);
        Assert.Equal(5, history.Events.Count(e => e.Type == HistoryEventType.ContinueAsNew));
        Assert.Equal(5, history.Events.Count(e => e.Type == HistoryEventType.TaskCompleted));
        HistoryEvent completed = Assert.Single(history.Events, e => e.Type == HistoryEventType.ExecutionCompleted);
        Assert.Equal(nameof(OrchestrationRuntimeStatus.Completed), completed.Status);
    }
}
