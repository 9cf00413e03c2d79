using System.Collections.Concurrent;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;
using AnnualReview.Durable.Hosting;
using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests.Worker;

/// <summary>Several workers on one task hub race for the same messages; ETags decide, nothing runs twice to completion.</summary>
[Collection("azurite")]
public sealed class ContentionTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task ThreeWorkers_FiveHundredOrchestrations_EachCompletesExactlyOnce()
    {
        const int count = 500;
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(4));
        var ran = new ConcurrentDictionary<string, int>();
        DurableTaskOptions first = EngineHarness.Options(azurite, "contend");
        var engines = new List<DurableTaskEngine>();
        for (int w = 0; w < 3; w++)
        {
            DurableTaskOptions options = EngineHarness.Options(azurite, "contend");
            options.TaskHubName = first.TaskHubName;
            engines.Add(await EngineHarness.StartAsync(options, Registry(ran), w == 0 ? output : null));
        }

        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = timeout }, async (i, ct) =>
                await engines[i % 3].Client.ScheduleNewOrchestrationInstanceAsync("Tally", i, new StartOrchestrationOptions($"cell-{i:D4}"), ct));

            var outputs = new ConcurrentDictionary<string, int>();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = timeout }, async (i, ct) =>
            {
                OrchestrationMetadata done = await engines[(i + 1) % 3].Client.WaitForInstanceCompletionAsync($"cell-{i:D4}", true, ct);
                outputs[done.InstanceId] = done.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? done.ReadOutputAs<int>() : -1;
            });

            Assert.All(Enumerable.Range(0, count), i => Assert.Equal(i * 2 + 1, outputs[$"cell-{i:D4}"]));
            foreach (int i in new[] { 0, 137, 499 })
            {
                InstanceHistory history = (await engines[0].Client.GetHistoryAsync($"cell-{i:D4}", timeout))!;
                Assert.True(history.Verification.IsIntact, history.Verification.Reason);
                Assert.Equal(1, history.Events.Count(e => e.Type == HistoryEventType.ExecutionCompleted));
                Assert.Equal(2, history.Events.Count(e => e.Type == HistoryEventType.TaskCompleted));
            }

            var (completed, _) = await engines[2].Client.GetInstancesPageAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 1000 }, timeout);
            Assert.Equal(count, completed.Count);
            Assert.All(Enumerable.Range(0, count), i => Assert.True(ran.GetValueOrDefault($"cell-{i:D4}") >= 2));
        }
        finally
        {
            foreach (DurableTaskEngine engine in engines)
            {
                await engine.DisposeAsync();
            }
        }
    }

    private static DurableTaskRegistry Registry(ConcurrentDictionary<string, int> ran) => new DurableTaskRegistry()
        .AddActivityFunc<TallyItem, int>("Double", x => { ran.AddOrUpdate(x.Id, 1, (_, n) => n + 1); return x.Value * 2; })
        .AddActivityFunc<TallyItem, int>("Increment", x => { ran.AddOrUpdate(x.Id, 1, (_, n) => n + 1); return x.Value + 1; })
        .AddOrchestratorFunc<int, int>("Tally", async (ctx, n) =>
        {
            int doubled = await ctx.CallActivityAsync<int>("Double", new TallyItem(ctx.InstanceId, n));
            return await ctx.CallActivityAsync<int>("Increment", new TallyItem(ctx.InstanceId, doubled));
        });
}

public sealed record TallyItem(string Id, int Value);
