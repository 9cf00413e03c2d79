using System.Text.Json;
using Azure.Storage.Queues;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.Hosting;
using AnnualReview.Durable.Storage;
using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests.Worker;

[Collection("azurite")]
public sealed class PoisonMessageTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task ProcessQueueMessageAsync_ControlMessageWhoseBlobIsMissing_DeadLettersItAndFailsTheInstance()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        DurableTaskOptions options = PoisonOptions("poisonctl");
        await using var engine = await EngineHarness.StartAsync(options, WaitingRegistry(), output);
        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("AwaitForever", "", cancellation: timeout);
        await engine.Client.WaitForInstanceStartAsync(id, timeout);

        string queueName = engine.Worker.ControlQueueNames[new TaskHubStorage(options).PartitionOf(id)];
        string body = await SendUnreadableAsync(queueName, id, timeout);

        await AssertPoisonedAsync(engine, id, queueName, body, timeout);
    }

    [Fact]
    public async Task ProcessQueueMessageAsync_WorkItemWhoseBlobIsMissing_DeadLettersItAndFailsTheInstance()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        DurableTaskOptions options = PoisonOptions("poisonwork");
        await using var engine = await EngineHarness.StartAsync(options, WaitingRegistry(), output);
        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("AwaitForever", "", cancellation: timeout);
        await engine.Client.WaitForInstanceStartAsync(id, timeout);

        string body = await SendUnreadableAsync(engine.Worker.WorkItemQueueName, id, timeout);

        await AssertPoisonedAsync(engine, id, engine.Worker.WorkItemQueueName, body, timeout);
    }

    [Fact]
    public async Task ProcessQueueMessageAsync_ControlMessageThatIsNotAnEnvelope_IsDeadLetteredAndTheQueueKeepsFlowing()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        DurableTaskOptions options = PoisonOptions("poisonjunk");
        await using var engine = await EngineHarness.StartAsync(options, WaitingRegistry(), output);
        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("AwaitForever", "", cancellation: timeout);
        await engine.Client.WaitForInstanceStartAsync(id, timeout);
        string queueName = engine.Worker.ControlQueueNames[new TaskHubStorage(options).PartitionOf(id)];
        var queue = new QueueClient(azurite.ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

        await queue.SendMessageAsync("[1]", timeout);
        await engine.Client.RaiseEventAsync(id, "Never", "after all", timeout);

        DeadLetter letter = Assert.Single(await Eventually.ReturnsAsync(
            () => engine.Worker.GetDeadLettersAsync(cancellation: timeout),
            letters => letters.Count > 0,
            "the unreadable message to be dead-lettered",
            timeout));
        Assert.Equal("[1]", letter.Body);
        Assert.Equal(queueName, letter.Queue);
        Assert.StartsWith("Failed 2 deliveries", letter.Reason, StringComparison.Ordinal);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("after all", done.ReadOutputAs<string>());
        await Eventually.ReturnsAsync(
            async () => (await queue.GetPropertiesAsync(timeout)).Value.ApproximateMessagesCount,
            depth => depth == 0,
            "the control queue to drain",
            timeout);
    }

    private DurableTaskOptions PoisonOptions(string prefix)
    {
        DurableTaskOptions options = EngineHarness.Options(azurite, prefix);
        options.MaxDequeueCount = 2;
        options.MessageVisibilityTimeout = TimeSpan.FromSeconds(1);
        return options;
    }

    private static DurableTaskRegistry WaitingRegistry() => new DurableTaskRegistry()
        .AddOrchestratorFunc<string, string>("AwaitForever", async (ctx, _) => await ctx.WaitForExternalEvent<string>("Never"));

    /// <summary>Puts a well-formed envelope for the instance on the queue whose payload blob does not exist.</summary>
    private async Task<string> SendUnreadableAsync(string queueName, string instanceId, CancellationToken timeout)
    {
        var envelope = new QueueEnvelope
        {
            Blob = PayloadStore.BlobNameFor("messages", "lost-" + instanceId),
            Id = instanceId + "|lost",
            InstanceId = instanceId,
        };
        string body = JsonSerializer.Serialize(envelope, DataConverter.Options);
        var queue = new QueueClient(azurite.ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.SendMessageAsync(body, timeout);
        return body;
    }

    private static async Task AssertPoisonedAsync(DurableTaskEngine engine, string id, string queueName, string body, CancellationToken timeout)
    {
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, cancellation: timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.NotNull(done.FailureDetails);
        Assert.Equal("PoisonMessage", done.FailureDetails.ErrorType);
        Assert.Contains("dead-lettered", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Failed 2 deliveries", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        DeadLetter letter = Assert.Single(await engine.Worker.GetDeadLettersAsync(id, timeout));
        Assert.Equal(id, letter.InstanceId);
        Assert.Equal(queueName, letter.Queue);
        Assert.Equal(body, letter.Body);
        Assert.Equal(2, letter.DequeueCount);
        Assert.StartsWith("Failed 2 deliveries", letter.Reason, StringComparison.Ordinal);
        Assert.Contains("BlobNotFound", letter.Reason, StringComparison.Ordinal);
        Assert.True((await engine.Client.VerifyHistoryAsync(id, timeout))!.IsIntact);
    }
}
