using AnnualReview.Durable.Client;
using AnnualReview.Durable.Hosting;
using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests.Worker;

/// <summary>Sub-orchestrations that wait for weeks hold a fan-out slot only until they start.</summary>
[Collection("azurite")]
public sealed class LongLivedChildrenTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task CallSubOrchestrator_MoreWaitingChildrenThanTheFanOutBound_StartsThemAllAndCollectsThem()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        var registry = new DurableTaskRegistry()
            .AddOrchestratorFunc<int, string>("Cell", async (ctx, n) => $"cell{n}:" + await ctx.WaitForExternalEvent<string>("meeting"))
            .AddOrchestratorFunc<int, List<string>>("Grassroots", async (ctx, count) =>
            {
                var cells = Enumerable.Range(0, count)
                    .Select(i => ctx.CallSubOrchestratorAsync<string>("Cell", i, new SubOrchestrationOptions(instanceId: $"{ctx.InstanceId}-cell{i}")));
                return [.. await Task.WhenAll(cells)];
            });
        DurableTaskOptions options = EngineHarness.Options(azurite, "children");
        options.MaxOutstandingPerInstance = 2;
        await using var engine = await EngineHarness.StartAsync(options, registry, output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Grassroots", 5, new StartOrchestrationOptions("g1"), timeout);
        for (int i = 0; i < 5; i++)
        {
            await engine.Client.WaitForInstanceStartAsync($"g1-cell{i}", timeout);
        }

        OrchestrationMetadata parentWhileWaiting = (await engine.Client.GetInstanceAsync(id, false, timeout))!;
        for (int i = 0; i < 5; i++)
        {
            await engine.Client.RaiseEventAsync($"g1-cell{i}", "meeting", "held", timeout);
        }

        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Running, parentWhileWaiting.RuntimeStatus);
        Assert.Equal(["cell0:held", "cell1:held", "cell2:held", "cell3:held", "cell4:held"], done.ReadOutputAs<List<string>>());
    }
}
