using AnnualReview.Durable.Client;
using AnnualReview.Durable.Hosting;
using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests.Worker;

/// <summary>An activity that runs longer than the queue's visibility timeout keeps its message and runs once.</summary>
[Collection("azurite")]
public sealed class MessageLeaseTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task Activity_OutlivesTheVisibilityTimeout_RunsExactlyOnce()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(90));
        int runs = 0;
        DurableTaskOptions options = EngineHarness.Options(azurite, "lease");
        options.MessageVisibilityTimeout = TimeSpan.FromSeconds(2);
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<string, string>("Slow", async (_, name) =>
            {
                Interlocked.Increment(ref runs);
                // Three visibility timeouts: without renewal the message would reappear and run again meanwhile.
                await Task.Delay(TimeSpan.FromSeconds(6), TimeProvider.System);
                return name.ToUpperInvariant();
            })
            .AddOrchestratorFunc<string, string>("Outer", async (ctx, name) => await ctx.CallActivityAsync<string>("Slow", name));
        await using DurableTaskEngine engine = await EngineHarness.StartAsync(options, registry, output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Outer", "chi bộ", cancellation: timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, true, timeout);
        // Give a wrongly re-delivered copy the time to start before counting.
        await Task.Delay(TimeSpan.FromSeconds(3), TimeProvider.System);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("CHI BỘ", done.ReadOutputAs<string>());
        Assert.Equal(1, Volatile.Read(ref runs));
    }
}
