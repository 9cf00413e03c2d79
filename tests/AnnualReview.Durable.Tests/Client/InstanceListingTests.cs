using AnnualReview.Durable.Client;
using AnnualReview.Durable.Hosting;
using AnnualReview.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AnnualReview.Durable.Tests.Client;

[Collection("azurite")]
public sealed class InstanceListingTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly DateTimeOffset Day0 = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetAllInstancesAsync_FiltersByStatusPrefixAndCreatedRange_ReturnsExactlyTheMatchingInstances()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(25));
        var clock = new FakeTimeProvider(Day0);
        await using var engine = await StartWithFiveInstancesAsync(clock, "listfilter", timeout);
        DurableTaskClient client = engine.Client;

        Assert.Equal(["cell-3", "unit-2"], await IdsAsync(client, new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running] }, timeout));
        Assert.Equal(["cell-1", "cell-2", "unit-1"], await IdsAsync(client, new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed] }, timeout));
        Assert.Equal(["cell-1", "cell-2", "cell-3", "unit-1", "unit-2"], await IdsAsync(client, new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Running] }, timeout));
        Assert.Empty(await IdsAsync(client, new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Failed] }, timeout));
        Assert.Equal(["cell-1", "cell-2", "cell-3"], await IdsAsync(client, new OrchestrationQuery { InstanceIdPrefix = "cell-" }, timeout));
        Assert.Equal(["cell-3"], await IdsAsync(client, new OrchestrationQuery { InstanceIdPrefix = "cell-", Statuses = [OrchestrationRuntimeStatus.Running] }, timeout));
        Assert.Equal(["cell-1", "unit-1"], await IdsAsync(client, new OrchestrationQuery { CreatedTo = Day0 }, timeout));
        Assert.Equal(["cell-2", "unit-2"], await IdsAsync(client, new OrchestrationQuery { CreatedFrom = Day0.AddDays(1), CreatedTo = Day0.AddDays(1) }, timeout));
        Assert.Equal(["cell-2", "cell-3", "unit-2"], await IdsAsync(client, new OrchestrationQuery { CreatedFrom = Day0.AddHours(1) }, timeout));
        Assert.Equal(["unit-2"], await IdsAsync(client, new OrchestrationQuery { InstanceIdPrefix = "unit-", CreatedFrom = Day0.AddHours(1) }, timeout));
    }

    [Fact]
    public async Task GetInstancesPageAsync_PageSizeTwoOverFiveInstances_WalksThreePagesByContinuationToken()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(25));
        var clock = new FakeTimeProvider(Day0);
        await using var engine = await StartWithFiveInstancesAsync(clock, "listpages", timeout);
        DurableTaskClient client = engine.Client;

        var pages = new List<IReadOnlyList<OrchestrationMetadata>>();
        string? token = null;
        do
        {
            var (page, next) = await client.GetInstancesPageAsync(new OrchestrationQuery { PageSize = 2, ContinuationToken = token }, timeout);
            pages.Add(page);
            token = next;
        }
        while (token is not null && pages.Count < 10);

        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        Assert.Equal(["cell-1", "cell-2", "cell-3", "unit-1", "unit-2"], pages.SelectMany(p => p).Select(m => m.InstanceId).Order(StringComparer.Ordinal));

        var pagedAsync = new List<int>();
        var seen = new List<string>();
        await foreach (Azure.Page<OrchestrationMetadata> page in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "cell-" }, timeout).AsPages(pageSizeHint: 2))
        {
            pagedAsync.Add(page.Values.Count);
            seen.AddRange(page.Values.Select(m => m.InstanceId));
        }

        Assert.Equal([2, 1], pagedAsync);
        Assert.Equal(["cell-1", "cell-2", "cell-3"], seen.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Five instances over three days: cell-1 and unit-1 on day 0, cell-2 and unit-2 on day 1, cell-3 on day 2;
    /// cell-3 and unit-2 wait for an event (Running), the others complete.
    /// </summary>
    private async Task<DurableTaskEngine> StartWithFiveInstancesAsync(FakeTimeProvider clock, string prefix, CancellationToken timeout)
    {
        var registry = new DurableTaskRegistry()
            .AddOrchestratorFunc<string, string>("Quick", (_, input) => Task.FromResult(input))
            .AddOrchestratorFunc<string, string>("Waiting", async (ctx, _) => await ctx.WaitForExternalEvent<string>("Go"));
        DurableTaskEngine engine = await EngineHarness.StartAsync(EngineHarness.Options(azurite, prefix, clock), registry, output);
        (string Id, string Orchestrator, int Day)[] plan =
        [
            ("cell-1", "Quick", 0), ("unit-1", "Quick", 0),
            ("cell-2", "Quick", 1), ("unit-2", "Waiting", 1),
            ("cell-3", "Waiting", 2),
        ];
        foreach (var (id, orchestrator, day) in plan)
        {
            clock.SetUtcNow(Day0.AddDays(day));
            await engine.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, id, new StartOrchestrationOptions(id), timeout);
            await engine.Client.WaitForInstanceStartAsync(id, timeout);
        }

        // The index follows each instance's row shortly after its step commits.
        await Eventually.TrueAsync(
            async () =>
            {
                List<OrchestrationMetadata> all = await engine.Client.GetAllInstancesAsync(cancellation: timeout).ToListAsync(timeout);
                return all.Count == 5 && all.All(m => m.RuntimeStatus == (m.Name == "Quick" ? OrchestrationRuntimeStatus.Completed : OrchestrationRuntimeStatus.Running));
            },
            "the index to show all five instances in their final state",
            timeout);
        return engine;
    }

    private static async Task<List<string>> IdsAsync(DurableTaskClient client, OrchestrationQuery query, CancellationToken timeout)
        => [.. (await client.GetAllInstancesAsync(query, timeout).ToListAsync(timeout)).Select(m => m.InstanceId).Order(StringComparer.Ordinal)];
}
