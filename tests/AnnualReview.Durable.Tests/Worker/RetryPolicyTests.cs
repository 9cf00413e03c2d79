using System.Collections.Concurrent;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;
using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests.Worker;

[Collection("azurite")]
public sealed class RetryPolicyTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task CallActivityAsync_FailsTwiceWithThreeAttemptsAllowed_CompletesOnTheThirdAttempt()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        var flaky = new FlakyActivity(failures: 2);
        await using var engine = await EngineHarness.StartAsync(EngineHarness.Options(azurite, "retry3"), Registry(flaky, maxAttempts: 3), output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Retrying", "ballot", cancellation: timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("counted ballot on attempt 3", done.ReadOutputAs<string>());
        Assert.Equal(3, flaky.Attempts);
        InstanceHistory history = (await engine.Client.GetHistoryAsync(id, timeout))!;
        Assert.True(history.Verification.IsIntact, history.Verification.Reason);
        Assert.Equal(3, history.Events.Count(e => e.Type == HistoryEventType.TaskScheduled));
        Assert.Equal(2, history.Events.Count(e => e.Type == HistoryEventType.TaskFailed));
        Assert.Equal(2, history.Events.Count(e => e.Type == HistoryEventType.TimerFired));
    }

    [Fact]
    public async Task CallActivityAsync_FailsTwiceWithTwoAttemptsAllowed_ThrowsTaskFailedExceptionIntoTheOrchestrator()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        var flaky = new FlakyActivity(failures: 2);
        await using var engine = await EngineHarness.StartAsync(EngineHarness.Options(azurite, "retry2"), Registry(flaky, maxAttempts: 2), output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Retrying", "ballot", cancellation: timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("gave up: Count|tally service unavailable (attempt 2)", done.ReadOutputAs<string>());
        Assert.Equal(2, flaky.Attempts);
        InstanceHistory history = (await engine.Client.GetHistoryAsync(id, timeout))!;
        Assert.Equal(2, history.Events.Count(e => e.Type == HistoryEventType.TaskFailed));
        Assert.DoesNotContain(history.Events, e => e.Type == HistoryEventType.TaskCompleted);
    }

    private static DurableTaskRegistry Registry(FlakyActivity flaky, int maxAttempts) => new DurableTaskRegistry()
        .AddActivityFunc<string, string>("Count", flaky.RunAsync)
        .AddOrchestratorFunc<string, string>("Retrying", async (ctx, what) =>
        {
            var policy = new RetryPolicy(maxNumberOfAttempts: maxAttempts, firstRetryInterval: TimeSpan.FromMilliseconds(200));
            try
            {
                return await ctx.CallActivityAsync<string>("Count", what, TaskOptions.FromRetryPolicy(policy));
            }
            catch (TaskFailedException failed)
            {
                return $"gave up: {failed.TaskName}|{failed.FailureDetails.ErrorMessage}";
            }
        });

    /// <summary>Fails its first attempts. Attempts are told apart by task id, so a redelivered call counts once.</summary>
    private sealed class FlakyActivity(int failures)
    {
        private readonly ConcurrentDictionary<int, int> _attemptByTask = new();
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public Task<string> RunAsync(TaskActivityContext context, string input)
        {
            int attempt = _attemptByTask.GetOrAdd(context.TaskId, _ => Interlocked.Increment(ref _attempts));
            return attempt <= failures
                ? throw new InvalidOperationException($"tally service unavailable (attempt {attempt})")
                : Task.FromResult($"counted {input} on attempt {attempt}");
        }
    }
}
