using Azure.Data.Tables;
using Azure.Storage.Queues;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;
using AnnualReview.Durable.Hosting;
using AnnualReview.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AnnualReview.Durable.Tests.Worker;

[Collection("azurite")]
public sealed class DurableTimerTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Waits the given delay on a durable timer and returns the orchestration time before and after.</summary>
    private static DurableTaskRegistry TimerRegistry() => new DurableTaskRegistry()
        .AddOrchestratorFunc<TimeSpan, DateTime[]>("Sleep", async (ctx, delay) =>
        {
            DateTime before = ctx.CurrentUtcDateTime;
            await ctx.CreateTimer(delay, CancellationToken.None);
            return [before, ctx.CurrentUtcDateTime];
        });

    [Fact]
    public async Task CreateTimer_OneSecondOnTheRealClock_FiresAndTheOrchestrationCompletes()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        await using var engine = await EngineHarness.StartAsync(EngineHarness.Options(azurite, "timer1s"), TimerRegistry(), output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Sleep", TimeSpan.FromSeconds(1), cancellation: timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        DateTime[] times = done.ReadOutputAs<DateTime[]>()!;
        Assert.True(times[1] - times[0] >= TimeSpan.FromSeconds(1), $"The timer fired early: {times[0]:O} -> {times[1]:O}.");
        InstanceHistory? history = await engine.Client.GetHistoryAsync(id, timeout);
        Assert.NotNull(history);
        Assert.True(history.Verification.IsIntact, history.Verification.Reason);
        HistoryEvent created = Assert.Single(history.Events, e => e.Type == HistoryEventType.TimerCreated);
        HistoryEvent fired = Assert.Single(history.Events, e => e.Type == HistoryEventType.TimerFired);
        Assert.Equal(created.EventId, fired.TaskScheduledId);
        Assert.Equal(times[0].AddSeconds(1), created.FireAt);
    }

    [Fact]
    public async Task CreateTimer_ThirtyDaysOnAFakeClock_WaitsInTheTimerTableUntilTheClockPassesItsDueTime()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(30));
        var clock = new FakeTimeProvider(Start);
        var options = EngineHarness.Options(azurite, "timer30d", clock);
        await using var engine = await EngineHarness.StartAsync(options, TimerRegistry(), output);
        var timers = new TableClient(azurite.ConnectionString, options.TaskHubName + "Timers");

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Sleep", TimeSpan.FromDays(30), cancellation: timeout);

        List<TableEntity> rows = await Eventually.ReturnsAsync(
            async () => await timers.QueryAsync<TableEntity>(cancellationToken: timeout).ToListAsync(timeout),
            found => found.Count > 0,
            "the timer row",
            timeout);
        TableEntity row = Assert.Single(rows);
        Assert.Contains(id, row.GetString("Message"), StringComparison.Ordinal);
        Assert.StartsWith(Start.AddDays(30).UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture), row.RowKey, StringComparison.Ordinal);
        // Nothing waits in a queue: Azurite counts delayed (invisible) messages too, so a timer kept as a
        // delayed queue message would hold a control queue above zero for the whole 30 days.
        foreach (string queueName in engine.Worker.ControlQueueNames)
        {
            var queue = new QueueClient(azurite.ConnectionString, queueName);
            await Eventually.ReturnsAsync(
                async () => (await queue.GetPropertiesAsync(timeout)).Value.ApproximateMessagesCount,
                depth => depth == 0,
                $"control queue {queueName} to hold no message",
                timeout);
        }

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await engine.Client.GetInstanceAsync(id, cancellation: timeout))!.RuntimeStatus);

        // A day short of due, nothing fires and the instance keeps waiting.
        clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(0, await engine.Worker.ProcessDueTimersAsync(timeout));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await engine.Client.GetInstanceAsync(id, cancellation: timeout))!.RuntimeStatus);
        Assert.Single(await timers.QueryAsync<TableEntity>(cancellationToken: timeout).ToListAsync(timeout));

        clock.Advance(TimeSpan.FromDays(1));
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        DateTime[] times = done.ReadOutputAs<DateTime[]>()!;
        Assert.Equal(Start.UtcDateTime, times[0]);
        Assert.True(times[1] >= Start.UtcDateTime.AddDays(30), $"CurrentUtcDateTime after the timer is {times[1]:O}.");
        Assert.Empty(await timers.QueryAsync<TableEntity>(cancellationToken: timeout).ToListAsync(timeout));
    }

    [Fact]
    public async Task CreateTimer_ThreeDaysOnAClockScaledToADayPerSecond_FiresWithinSeconds()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(15));
        var clock = new ScaledTimeProvider(Start, factor: 86_400);
        await using var engine = await EngineHarness.StartAsync(EngineHarness.Options(azurite, "timerscaled", clock), TimerRegistry(), output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Sleep", TimeSpan.FromDays(3), cancellation: timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        DateTime[] times = done.ReadOutputAs<DateTime[]>()!;
        Assert.True(times[0] >= Start.UtcDateTime, $"The orchestration started at {times[0]:O}, before the scaled clock's start.");
        Assert.True(times[1] - times[0] >= TimeSpan.FromDays(3), $"The timer fired early: {times[0]:O} -> {times[1]:O}.");
    }
}
