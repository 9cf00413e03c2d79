using Azure.Storage.Queues;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.Hosting;
using AnnualReview.Durable.Storage;
using AnnualReview.Durable.Worker;
using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests.Worker;

[Collection("azurite")]
public sealed class DuplicateMessageTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task ProcessAsync_StartMessageDeliveredAgainWhileRunning_IgnoresItAndRunsTheActivityOnce()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int runs = 0;
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<string, string>("Notify", async (_, who) =>
            {
                Interlocked.Increment(ref runs);
                await gate.Task.WaitAsync(timeout);
                return "notified " + who;
            })
            .AddOrchestratorFunc<string, string>("Notifier", async (ctx, who) => await ctx.CallActivityAsync<string>("Notify", who));
        DurableTaskOptions options = EngineHarness.Options(azurite, "duplicate");
        options.MessageVisibilityTimeout = TimeSpan.FromSeconds(30);
        await using var engine = await EngineHarness.StartAsync(options, registry, output);
        var storage = new TaskHubStorage(options);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Notifier", "cell 7", cancellation: timeout);
        await Eventually.ReturnsAsync(() => Task.FromResult(Volatile.Read(ref runs)), n => n == 1, "the activity to start", timeout);

        // At-least-once delivery: the same start message (same id) arrives again while the instance runs.
        InstanceState state = (await new InstanceStore(storage).GetStateAsync(id, timeout))!;
        await new MessageSender(storage, options.TimeProvider).SendToControlAsync(StartMessages.For(state, null), timeout);
        QueueClient control = storage.ControlQueueFor(id);
        await Eventually.ReturnsAsync(
            async () => (await control.GetPropertiesAsync(timeout)).Value.ApproximateMessagesCount,
            depth => depth == 0,
            "the duplicate start to be handled",
            timeout);
        gate.SetResult();

        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);
        await Eventually.ReturnsAsync(
            async () => (await storage.WorkItems.GetPropertiesAsync(timeout)).Value.ApproximateMessagesCount,
            depth => depth == 0,
            "the work-item queue to drain",
            timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("notified cell 7", done.ReadOutputAs<string>());
        Assert.Equal(1, Volatile.Read(ref runs));
        Assert.True((await engine.Client.VerifyHistoryAsync(id, timeout))!.IsIntact);
    }
}
