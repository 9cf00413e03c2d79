using Azure.Data.Tables;
using AnnualReview.Durable.Client;
using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests.Worker;

/// <summary>Instances spread over several tables run, read, verify and purge as in one.</summary>
[Collection("azurite")]
public sealed class InstanceTablesTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task InstanceTableCountThree_SixOrchestrations_RunSpreadOverTheTablesAndPurgeFromTheirOwn()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<string, string>("Greet", name => "chào " + name)
            .AddOrchestratorFunc<string, string>("Welcome", async (ctx, name) => await ctx.CallActivityAsync<string>("Greet", name));
        var options = EngineHarness.Options(azurite, "shards");
        options.InstanceTableCount = 3;
        await using var engine = await EngineHarness.StartAsync(options, registry, output);
        string[] ids = [.. Enumerable.Range(0, 6).Select(i => $"welcome-{i}")];

        foreach (string id in ids)
        {
            await engine.Client.ScheduleNewOrchestrationInstanceAsync("Welcome", id, new StartOrchestrationOptions(id), timeout);
        }

        var outputs = new List<string?>();
        foreach (string id in ids)
        {
            outputs.Add((await engine.Client.WaitForInstanceCompletionAsync(id, true, timeout)).ReadOutputAs<string>());
        }

        TableClient[] tables = [.. Enumerable.Range(0, 3).Select(t => new TableClient(azurite.ConnectionString, $"{options.TaskHubName}Instances{t:D2}"))];
        var statesPerTable = new List<int>();
        foreach (TableClient table in tables)
        {
            statesPerTable.Add((await table.QueryAsync<TableEntity>(e => e.RowKey == "!state", cancellationToken: timeout).ToListAsync(timeout)).Count);
        }

        bool verified = (await engine.Client.VerifyHistoryAsync(ids[0], timeout))!.IsIntact;
        await engine.Client.PurgeInstanceAsync(ids[0], timeout);
        int rowsLeftOfPurged = 0;
        foreach (TableClient table in tables)
        {
            rowsLeftOfPurged += (await table.QueryAsync<TableEntity>(e => e.PartitionKey == ids[0], cancellationToken: timeout).ToListAsync(timeout)).Count;
        }

        Assert.Equal([.. ids.Select(id => "chào " + id)], outputs);
        Assert.Equal(6, statesPerTable.Sum());
        Assert.True(statesPerTable.Count(n => n > 0) >= 2, $"states per table: {string.Join(", ", statesPerTable)}");
        Assert.True(verified);
        Assert.Equal(0, rowsLeftOfPurged);
        Assert.Null(await engine.Client.GetInstanceAsync(ids[0], cancellation: timeout));
    }
}
