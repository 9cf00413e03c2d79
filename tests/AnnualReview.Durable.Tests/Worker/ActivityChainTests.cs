using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;
using AnnualReview.Testing;
using Xunit.Abstractions;

namespace AnnualReview.Durable.Tests.Worker;

[Collection("azurite")]
public sealed class ActivityChainTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_FiveSequentialActivities_CompletesWithTheirOutputsInOrder()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<string, string>("Hello", name => $"Hello {name}")
            .AddOrchestratorFunc<string, List<string>>("Greetings", async (ctx, prefix) =>
            {
                var results = new List<string>();
                foreach (string city in new[] { "Hà Nội", "Huế", "Đà Nẵng", "Cần Thơ", "TP.HCM" })
                {
                    results.Add(await ctx.CallActivityAsync<string>("Hello", prefix + city));
                }

                return results;
            });
        await using var engine = await EngineHarness.StartAsync(EngineHarness.Options(azurite, "chain"), registry, output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Greetings", "tp ", cancellation: timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(["Hello tp Hà Nội", "Hello tp Huế", "Hello tp Đà Nẵng", "Hello tp Cần Thơ", "Hello tp TP.HCM"], done.ReadOutputAs<List<string>>());
        InstanceHistory? history = await engine.Client.GetHistoryAsync(id, timeout);
        Assert.NotNull(history);
        Assert.True(history.Verification.IsIntact, history.Verification.Reason);
        Assert.Equal(5, history.Events.Count(e => e.Type == HistoryEventType.TaskCompleted));
        Assert.Equal(5, history.Events.Count(e => e.Type == HistoryEventType.TaskScheduled));
    }
}
