using System.Text.Json;
using AnnualReview.Durable.Client;
using AnnualReview.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AnnualReview.Durable.Tests.Client;

[Collection("azurite")]
public sealed class PurgeTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);

    private static DurableTaskRegistry Registry() => new DurableTaskRegistry()
        .AddActivityFunc<string, string>("Note", text => "noted " + text)
        .AddOrchestratorFunc<string, string>("Quick", async (ctx, text) => await ctx.CallActivityAsync<string>("Note", text))
        .AddOrchestratorFunc<string, string>("Waiting", async (ctx, _) => await ctx.WaitForExternalEvent<string>("Go"));

    [Fact]
    public async Task PurgeInstanceAsync_CompletedInstance_RemovesItAndArchivesEveryHistoryRowWithItsHash()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        await using var engine = await EngineHarness.StartAsync(EngineHarness.Options(azurite, "purgeone"), Registry(), output);
        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Quick", "minutes", cancellation: timeout);
        await engine.Client.WaitForInstanceCompletionAsync(id, cancellation: timeout);
        InstanceHistory history = (await engine.Client.GetHistoryAsync(id, timeout))!;
        Assert.True(history.Verification.IsIntact, history.Verification.Reason);

        PurgeResult result = await engine.Client.PurgeInstanceAsync(id, timeout);

        Assert.Equal(1, result.PurgedInstanceCount);
        Assert.Null(await engine.Client.GetInstanceAsync(id, cancellation: timeout));
        Assert.Null(await engine.Client.GetHistoryAsync(id, timeout));
        string? archive = await engine.Client.GetArchivedHistoryAsync(id, timeout);
        Assert.NotNull(archive);
        string[] lines = archive.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(history.Rows.Count + 1, lines.Length);
        using (JsonDocument header = JsonDocument.Parse(lines[0]))
        {
            Assert.Equal(id, header.RootElement.GetProperty("instanceId").GetString());
            Assert.Equal(nameof(OrchestrationRuntimeStatus.Completed), header.RootElement.GetProperty("status").GetString());
            Assert.Equal(history.Rows.Count, header.RootElement.GetProperty("rows").GetInt32());
            Assert.Equal(history.Verification.LastHash, header.RootElement.GetProperty("lastHash").GetString());
        }

        var archived = lines.Skip(1).Select(line =>
        {
            using JsonDocument row = JsonDocument.Parse(line);
            return (Seq: row.RootElement.GetProperty("seq").GetInt64(), PrevHash: row.RootElement.GetProperty("prevHash").GetString(), Hash: row.RootElement.GetProperty("hash").GetString());
        }).ToList();
        Assert.Equal(history.Rows.Select(r => (r.Seq, (string?)r.PrevHash, (string?)r.Hash)), archived);
        Assert.Equal(0, (await engine.Client.PurgeInstanceAsync(id, timeout)).PurgedInstanceCount);
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_CreatedToFilter_PurgesOnlyOlderEndedInstancesAndNeverARunningOne()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(25));
        var clock = new FakeTimeProvider(Start);
        await using var engine = await EngineHarness.StartAsync(EngineHarness.Options(azurite, "purgeall", clock), Registry(), output);
        string old = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Quick", "2024 cycle", cancellation: timeout);
        string running = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Waiting", "", cancellation: timeout);
        await engine.Client.WaitForInstanceCompletionAsync(old, cancellation: timeout);
        await engine.Client.WaitForInstanceStartAsync(running, timeout);
        clock.Advance(TimeSpan.FromDays(10));
        string recent = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Quick", "2025 cycle", cancellation: timeout);
        await engine.Client.WaitForInstanceCompletionAsync(recent, cancellation: timeout);
        await WaitForIndexAsync(engine.Client, 2, 1, timeout);

        Assert.Equal(0, (await engine.Client.PurgeInstanceAsync(running, timeout)).PurgedInstanceCount);
        Assert.Equal(0, (await engine.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Running]), timeout)).PurgedInstanceCount);
        PurgeResult result = await engine.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(CreatedTo: Start.AddDays(5)), timeout);

        Assert.Equal(1, result.PurgedInstanceCount);
        Assert.Null(await engine.Client.GetInstanceAsync(old, cancellation: timeout));
        Assert.NotNull(await engine.Client.GetArchivedHistoryAsync(old, timeout));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await engine.Client.GetInstanceAsync(recent, cancellation: timeout))?.RuntimeStatus);
        Assert.Null(await engine.Client.GetArchivedHistoryAsync(recent, timeout));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await engine.Client.GetInstanceAsync(running, cancellation: timeout))?.RuntimeStatus);
        Assert.True((await engine.Client.VerifyHistoryAsync(running, timeout))!.IsIntact);
        List<string> listed = [.. (await engine.Client.GetAllInstancesAsync(cancellation: timeout).ToListAsync(timeout)).Select(m => m.InstanceId).Order(StringComparer.Ordinal)];
        Assert.Equal(new[] { recent, running }.Order(StringComparer.Ordinal), listed);

        // The running instance still works after the purge around it.
        await engine.Client.RaiseEventAsync(running, "Go", "done", timeout);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await engine.Client.WaitForInstanceCompletionAsync(running, cancellation: timeout)).RuntimeStatus);
    }

    /// <summary>The index follows each instance shortly after its step commits; purging by filter reads the index.</summary>
    private static Task WaitForIndexAsync(DurableTaskClient client, int completed, int running, CancellationToken timeout)
        => Eventually.TrueAsync(
            async () =>
            {
                List<OrchestrationMetadata> all = await client.GetAllInstancesAsync(cancellation: timeout).ToListAsync(timeout);
                return all.Count(m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed) == completed
                    && all.Count(m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running) == running;
            },
            $"the index to list {completed} completed and {running} running instances",
            timeout);
}
