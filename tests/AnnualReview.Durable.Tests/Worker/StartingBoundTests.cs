using AnnualReview.Durable.Client;
using AnnualReview.Durable.Hosting;
using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests.Worker;

/// <summary>
/// A sub-orchestration holds its parent's starting slot until its whole start-up (its own children included)
/// is done, so a tree comes up a bounded number of subtrees at a time.
/// </summary>
[Collection("azurite")]
public sealed class StartingBoundTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task CallSubOrchestrator_TreeWithStartingBoundOne_StartsOneLeafAtATimeAndStillCompletes()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(90));
        var loads = new LoadMeter();
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<string, string>("LoadRoster", async (_, cell) => await loads.MeasureAsync(cell))
            .AddOrchestratorFunc<string, string>("Cell", async (ctx, cell) =>
            {
                string roster = await ctx.CallActivityAsync<string>("LoadRoster", cell);
                return roster + ":" + await ctx.WaitForExternalEvent<string>("meeting");
            })
            .AddOrchestratorFunc<int, List<string>>("Grassroots", async (ctx, cells) =>
            {
                var started = Enumerable.Range(0, cells)
                    .Select(i => ctx.CallSubOrchestratorAsync<string>("Cell", $"{ctx.InstanceId}-cell{i}", new SubOrchestrationOptions(instanceId: $"{ctx.InstanceId}-cell{i}")));
                return [.. await Task.WhenAll(started)];
            })
            .AddOrchestratorFunc<int, List<string>>("Committee", async (ctx, organizations) =>
            {
                var started = Enumerable.Range(0, organizations)
                    .Select(i => ctx.CallSubOrchestratorAsync<List<string>>("Grassroots", 2, new SubOrchestrationOptions(instanceId: $"{ctx.InstanceId}-g{i}")));
                return [.. (await Task.WhenAll(started)).SelectMany(cells => cells)];
            });
        DurableTaskOptions options = EngineHarness.Options(azurite, "startbound");
        options.MaxStartingPerInstance = 1;
        await using var engine = await EngineHarness.StartAsync(options, registry, output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Committee", 3, new StartOrchestrationOptions("k1"), timeout);
        string[] cells = [.. Enumerable.Range(0, 3).SelectMany(g => Enumerable.Range(0, 2).Select(c => $"k1-g{g}-cell{c}"))];
        foreach (string cell in cells)
        {
            await engine.Client.WaitForInstanceStartAsync(cell, timeout);
        }

        while (loads.Finished < cells.Length)
        {
            await Task.Delay(100, timeout);
        }

        foreach (string cell in cells)
        {
            await engine.Client.RaiseEventAsync(cell, "meeting", "held", timeout);
        }

        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, true, timeout);

        Assert.Equal(1, loads.MostAtOnce);
        Assert.Equal([.. cells.Select(c => $"roster of {c}:held")], done.ReadOutputAs<List<string>>());
    }

    [Fact]
    public async Task CallSubOrchestrator_WithoutAStartingBound_LoadsEveryLeafAtOnce()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        var loads = new LoadMeter();
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<string, string>("LoadRoster", async (_, cell) => await loads.MeasureAsync(cell))
            .AddOrchestratorFunc<string, string>("Cell", async (ctx, cell) => await ctx.CallActivityAsync<string>("LoadRoster", cell))
            .AddOrchestratorFunc<int, List<string>>("Grassroots", async (ctx, cells) =>
            {
                var started = Enumerable.Range(0, cells)
                    .Select(i => ctx.CallSubOrchestratorAsync<string>("Cell", $"cell{i}", new SubOrchestrationOptions(instanceId: $"{ctx.InstanceId}-cell{i}")));
                return [.. await Task.WhenAll(started)];
            });
        DurableTaskOptions options = EngineHarness.Options(azurite, "startfree");
        options.MaxStartingPerInstance = 6;
        await using var engine = await EngineHarness.StartAsync(options, registry, output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Grassroots", 6, new StartOrchestrationOptions("g1"), timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, true, timeout);

        // The control: the same leaves under a bound of six overlap, so the bound of one above is what kept them apart.
        Assert.True(loads.MostAtOnce > 1, $"at most {loads.MostAtOnce} roster loads ran at once");
        Assert.Equal(6, done.ReadOutputAs<List<string>>()!.Count);
    }

    /// <summary>Counts roster loads running at the same time; each takes long enough for overlaps to show.</summary>
    private sealed class LoadMeter
    {
        private int _running;
        private int _mostAtOnce;
        private int _finished;

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public int Finished => Volatile.Read(ref _finished);

        public async Task<string> MeasureAsync(string cell)
        {
            int now = Interlocked.Increment(ref _running);
            int seen;
            while (now > (seen = Volatile.Read(ref _mostAtOnce)) && Interlocked.CompareExchange(ref _mostAtOnce, now, seen) != seen)
            {
            }

            await Task.Delay(400);
            Interlocked.Decrement(ref _running);
            Interlocked.Increment(ref _finished);
            return "roster of " + cell;
        }
    }
}
