using AnnualReview.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AnnualReview.TaskHub.Tests.OrchestrationServiceShim;

/// <summary>The SDK's orchestrators and activities, run in-process on DTFx's Azure Storage backend by our adapter.</summary>
[Collection("azurite")]
public sealed class ShimDurableTaskWorkerTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task ActivityChain_RunsInOrder_AndTheOutputComesBack()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestEngine engine = await Engines.StartAsync(azurite, r => r
            .AddActivityFunc<string, string>("Append", (_, text) => text + "!")
            .AddOrchestratorFunc<string, string>("Chain", async (ctx, text) =>
            {
                for (int i = 0; i < 3; i++)
                {
                    text = await ctx.CallActivityAsync<string>("Append", text);
                }

                return text;
            }), output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Chain", "Chào", cancellation: timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("Chào!!!", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SubOrchestration_KnowsItsParent_AndReportsBackToIt()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestEngine engine = await Engines.StartAsync(azurite, r => r
            .AddOrchestratorFunc<string?, string>("Child", (ctx, _) => Task.FromResult($"{ctx.InstanceId} of {ctx.Parent?.InstanceId} ({ctx.Parent?.Name})"))
            .AddOrchestratorFunc<string?, string[]>("Parent", async (ctx, _) =>
            {
                Task<string>[] children = [.. Enumerable.Range(1, 3).Select(i => ctx.CallSubOrchestratorAsync<string>("Child", new SubOrchestrationOptions { InstanceId = $"{ctx.InstanceId}-c{i}" }))];
                return await Task.WhenAll(children);
            }), output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Parent", new StartOrchestrationOptions("family"), timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, true, timeout);

        Assert.Equal(["family-c1 of family (Parent)", "family-c2 of family (Parent)", "family-c3 of family (Parent)"], done.ReadOutputAs<string[]>()!);
    }

    /// <summary>
    /// DTFx hides a timer's message for the delay until its time, and Azure Storage counts that delay in whole
    /// seconds: a timer may fire up to a second early. The cycle's own timers re-arm for the rest (CycleClock).
    /// </summary>
    [Fact]
    public async Task DurableTimer_FiresAtItsTime_OrLessThanASecondBefore()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestEngine engine = await Engines.StartAsync(azurite, r => r
            .AddOrchestratorFunc<int, DateTime[]>("Nap", async (ctx, ms) =>
            {
                DateTime before = ctx.CurrentUtcDateTime;
                await ctx.CreateTimer(before.AddMilliseconds(ms), CancellationToken.None);
                return [before, ctx.CurrentUtcDateTime];
            }), output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Nap", 2000, cancellation: timeout);
        DateTime[] times = (await engine.Client.WaitForInstanceCompletionAsync(id, true, timeout)).ReadOutputAs<DateTime[]>()!;

        Assert.InRange(times[1] - times[0], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task EventsRaisedWhileTheOrchestrationCallsAnActivity_WaitForItsNextLook()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        var gate = new TaskCompletionSource();
        await using TestEngine engine = await Engines.StartAsync(azurite, r => r
            .AddActivityFunc<string, string>("Slow", async (TaskActivityContext _, string text) =>
            {
                await gate.Task;
                return text;
            })
            .AddOrchestratorFunc<string?, string[]>("Collect", async (ctx, _) =>
            {
                // The first event is awaited; the next two arrive while the activity runs and are taken afterwards.
                string first = await ctx.WaitForExternalEvent<string>("vote");
                await ctx.CallActivityAsync<string>("Slow", first);
                string second = await ctx.WaitForExternalEvent<string>("vote");
                string third = await ctx.WaitForExternalEvent<string>("vote");
                return [first, second, third];
            }), output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Collect", cancellation: timeout);
        await engine.Client.WaitForInstanceStartAsync(id, timeout);
        await engine.Client.RaiseEventAsync(id, "vote", "a", timeout);
        await Engines.EventuallyAsync(() => HasEventAsync(engine, id, "TaskScheduled", timeout), timeout);
        await engine.Client.RaiseEventAsync(id, "vote", "b", timeout);
        await engine.Client.RaiseEventAsync(id, "vote", "c", timeout);
        gate.SetResult();
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, true, timeout);

        Assert.Equal(["a", "b", "c"], done.ReadOutputAs<string[]>()!);
    }

    [Fact]
    public async Task ActivityThatKeepsFailing_EndsItsRetryPolicy_AndTheOrchestrationRecordsTheReason()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        int attempts = 0;
        await using TestEngine engine = await Engines.StartAsync(azurite, r => r
            .AddActivityFunc<string, string>("Flaky", (_, _) =>
            {
                Interlocked.Increment(ref attempts);
                return Task.FromException<string>(new InvalidOperationException("Máy chủ thư không trả lời"));
            })
            .AddOrchestratorFunc<string?, string>("Careful", async (ctx, _) =>
            {
                var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromMilliseconds(200)));
                try
                {
                    return await ctx.CallActivityAsync<string>("Flaky", "x", retry);
                }
                catch (TaskFailedException failed)
                {
                    return $"gave up: {failed.FailureDetails.ErrorType}: {failed.FailureDetails.ErrorMessage}";
                }
            }), output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Careful", cancellation: timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("gave up: System.InvalidOperationException: Máy chủ thư không trả lời", done.ReadOutputAs<string>());
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task UnhandledFailure_FailsTheInstance_WithItsDetails()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestEngine engine = await Engines.StartAsync(azurite, r => r
            .AddOrchestratorFunc<string?, string>("Broken", (_, _) => Task.FromException<string>(new InvalidDataException("Thiếu dữ liệu đơn vị"))), output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Broken", cancellation: timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal("Thiếu dữ liệu đơn vị", done.FailureDetails!.ErrorMessage);
        Assert.True(done.FailureDetails.IsCausedBy<InvalidDataException>());
    }

    private static async Task<bool> HasEventAsync(TestEngine engine, string instanceId, string eventType, CancellationToken timeout)
    {
        await foreach (var _ in engine.Storage.History.QueryAsync<Azure.Data.Tables.TableEntity>($"PartitionKey eq '{instanceId}' and EventType eq '{eventType}'", cancellationToken: timeout))
        {
            return true;
        }

        return false;
    }
}
