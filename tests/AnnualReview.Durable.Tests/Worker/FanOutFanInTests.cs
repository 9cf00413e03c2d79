using Azure.Data.Tables;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;
using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests.Worker;

[Collection("azurite")]
public sealed class FanOutFanInTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task WhenAll_ThousandActivities_CompletesWithTheSumAndKeepsAtMostTheBoundInFlight()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        const int count = 1000;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<int, int>("Work", async (_, n) =>
            {
                await gate.Task.WaitAsync(timeout);
                return n;
            })
            .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
            {
                int[] results = await Task.WhenAll(Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Work", i)));
                return results.Sum();
            });
        var options = EngineHarness.Options(azurite, "fanout");
        // Activities are held at the gate for a moment; keep their messages from coming back meanwhile.
        options.MessageVisibilityTimeout = TimeSpan.FromSeconds(30);
        await using var engine = await EngineHarness.StartAsync(options, registry, output);
        var instances = new TableClient(azurite.ConnectionString, options.TaskHubName + "Instances");

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", count, cancellation: timeout);

        // While no activity can finish, the instance row shows the bound: 100 released, the other 900 waiting.
        TableEntity? state = await Eventually.ReturnsAsync(
            async () => (await instances.GetEntityIfExistsAsync<TableEntity>(id, "!state", cancellationToken: timeout)).Value,
            row => row?.GetInt32("Outstanding") > 0,
            "the first step to release activities",
            timeout);
        Assert.NotNull(state);
        Assert.Equal(options.MaxOutstandingPerInstance, state.GetInt32("Outstanding"));
        Assert.Equal(count - options.MaxOutstandingPerInstance, state.GetString("Backlog")!.Split(',').Length);
        gate.SetResult();

        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(count * (count + 1) / 2, done.ReadOutputAs<int>());
        InstanceHistory? history = await engine.Client.GetHistoryAsync(id, timeout);
        Assert.NotNull(history);
        Assert.True(history.Verification.IsIntact, history.Verification.Reason);
        Assert.Equal(count, history.Events.Count(e => e.Type == HistoryEventType.TaskScheduled));
        Assert.Equal(count, history.Events.Count(e => e.Type == HistoryEventType.TaskCompleted));
        Assert.Equal(count, history.Events.Where(e => e.Type == HistoryEventType.TaskCompleted).Select(e => e.TaskScheduledId).Distinct().Count());
        TableEntity final = (await instances.GetEntityAsync<TableEntity>(id, "!state", cancellationToken: timeout)).Value;
        Assert.Equal(0, final.GetInt32("Outstanding"));
        Assert.Null(final.GetString("Backlog"));
    }
}
