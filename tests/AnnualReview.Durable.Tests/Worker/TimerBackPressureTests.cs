using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using AnnualReview.Durable.Client;
using AnnualReview.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AnnualReview.Durable.Tests.Worker;

/// <summary>Due timers are moved only while their control queue has room, so a burst of them cannot flood it.</summary>
[Collection("azurite")]
public sealed class TimerBackPressureTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2025, 12, 9, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ProcessDueTimersAsync_TenDueWithRoomForFour_MovesFourThenWaitsForTheQueueToDrain()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(30));
        var clock = new FakeTimeProvider(Start);
        var registry = new DurableTaskRegistry()
            .AddOrchestratorFunc<string, string>("Reminder", (_, who) => Task.FromResult(who));
        var options = EngineHarness.Options(azurite, "timerroom", clock);
        options.PartitionCount = 1;
        options.PollQueues = false;
        options.MaxControlQueueDepth = 4;
        await using var engine = await EngineHarness.StartAsync(options, registry, output);
        var timers = new TableClient(azurite.ConnectionString, options.TaskHubName + "Timers");
        var control = new QueueClient(azurite.ConnectionString, Assert.Single(engine.Worker.ControlQueueNames));
        for (int i = 0; i < 10; i++)
        {
            await engine.Client.ScheduleNewOrchestrationInstanceAsync("Reminder", $"member {i}", new StartOrchestrationOptions($"reminder-{i}", Start.AddHours(8)), timeout);
        }

        clock.Advance(TimeSpan.FromHours(9));
        int first = await engine.Worker.ProcessDueTimersAsync(timeout);
        int whileFull = await engine.Worker.ProcessDueTimersAsync(timeout);
        await Task.Delay(TimeSpan.FromSeconds(1.2), timeout);
        int stillFull = await engine.Worker.ProcessDueTimersAsync(timeout);

        // A worker takes the four messages off the queue.
        QueueMessage[] taken = (await control.ReceiveMessagesAsync(32, cancellationToken: timeout)).Value;
        foreach (QueueMessage message in taken)
        {
            await control.DeleteMessageAsync(message.MessageId, message.PopReceipt, timeout);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.2), timeout);
        int afterDrain = await engine.Worker.ProcessDueTimersAsync(timeout);
        int left = (await timers.QueryAsync<TableEntity>(cancellationToken: timeout).ToListAsync(timeout)).Count;

        Assert.Equal(4, first);
        Assert.Equal(0, whileFull);
        Assert.Equal(0, stillFull);
        Assert.Equal(4, taken.Length);
        Assert.Equal(4, afterDrain);
        Assert.Equal(2, left);
    }

    [Fact]
    public async Task ProcessDueTimersAsync_WorkItemQueueFull_MovesNothingUntilItDrains()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(30));
        var clock = new FakeTimeProvider(Start);
        var registry = new DurableTaskRegistry()
            .AddOrchestratorFunc<string, string>("Reminder", (_, who) => Task.FromResult(who));
        var options = EngineHarness.Options(azurite, "workroom", clock);
        options.PollQueues = false;
        options.MaxWorkItemQueueDepth = 3;
        await using var engine = await EngineHarness.StartAsync(options, registry, output);
        var workItems = new QueueClient(azurite.ConnectionString, engine.Worker.WorkItemQueueName);
        for (int i = 0; i < 5; i++)
        {
            await engine.Client.ScheduleNewOrchestrationInstanceAsync("Reminder", $"member {i}", new StartOrchestrationOptions($"reminder-{i}", Start.AddHours(8)), timeout);
        }

        // Activities other instances scheduled and no worker has taken yet.
        for (int i = 0; i < 3; i++)
        {
            await workItems.SendMessageAsync("waiting activity", timeout);
        }

        clock.Advance(TimeSpan.FromHours(9));
        int whileBusy = await engine.Worker.ProcessDueTimersAsync(timeout);
        await workItems.ClearMessagesAsync(timeout);
        await Task.Delay(TimeSpan.FromSeconds(1.2), timeout);
        int afterDrain = await engine.Worker.ProcessDueTimersAsync(timeout);

        Assert.Equal(0, whileBusy);
        Assert.Equal(3, afterDrain);
    }
}
