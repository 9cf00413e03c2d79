using Azure.Data.Tables;
using Azure.Storage.Queues;
using AnnualReview.Durable.Client;
using AnnualReview.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AnnualReview.Durable.Tests.Client;

[Collection("azurite")]
public sealed class ScheduledStartTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_StartAtTwoDaysAhead_StaysPendingUntilTheClockReachesIt()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        var clock = new FakeTimeProvider(Start);
        var registry = new DurableTaskRegistry()
            .AddOrchestratorFunc<string, DateTime>("Opening", (ctx, _) => Task.FromResult(ctx.CurrentUtcDateTime));
        var options = EngineHarness.Options(azurite, "startat", clock);
        await using var engine = await EngineHarness.StartAsync(options, registry, output);
        var timers = new TableClient(azurite.ConnectionString, options.TaskHubName + "Timers");
        DateTimeOffset startAt = Start.AddDays(2);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Opening", "", new StartOrchestrationOptions(StartAt: startAt), timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await engine.Client.GetInstanceAsync(id, cancellation: timeout))!.RuntimeStatus);
        TableEntity row = Assert.Single(await timers.QueryAsync<TableEntity>(cancellationToken: timeout).ToListAsync(timeout));
        Assert.StartsWith(startAt.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture), row.RowKey, StringComparison.Ordinal);
        Assert.Equal(0, await engine.Worker.ProcessDueTimersAsync(timeout));
        foreach (string queueName in engine.Worker.ControlQueueNames)
        {
            Assert.Equal(0, (await new QueueClient(azurite.ConnectionString, queueName).GetPropertiesAsync(timeout)).Value.ApproximateMessagesCount);
        }

        // A day later: not due, and the recovery of lost starts must not start it early either.
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await engine.Worker.ProcessDueTimersAsync(timeout));
        Assert.Equal(0, await engine.Worker.RecoverPendingStartsAsync(TimeSpan.FromMinutes(1), timeout));
        OrchestrationMetadata waiting = (await engine.Client.GetInstanceAsync(id, cancellation: timeout))!;
        Assert.Equal(OrchestrationRuntimeStatus.Pending, waiting.RuntimeStatus);
        Assert.Empty((await engine.Client.GetHistoryAsync(id, timeout))!.Rows);

        clock.Advance(TimeSpan.FromDays(1));
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(done.ReadOutputAs<DateTime>() >= startAt.UtcDateTime, $"It started at {done.ReadOutputAs<DateTime>():O}, before {startAt:O}.");
        Assert.Empty(await timers.QueryAsync<TableEntity>(cancellationToken: timeout).ToListAsync(timeout));
    }
}
