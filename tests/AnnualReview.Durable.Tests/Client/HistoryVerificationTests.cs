using Azure;
using Azure.Data.Tables;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.Hosting;
using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests.Client;

[Collection("azurite")]
public sealed class HistoryVerificationTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static DurableTaskRegistry Registry() => new DurableTaskRegistry()
        .AddActivityFunc<int, string>("Rate", n => $"rating-{n}")
        .AddOrchestratorFunc<string, string>("ThreeRatings", async (ctx, _) =>
        {
            // Sequential calls: one history row per step, so row 2 holds rating-2's result.
            string all = "";
            for (int n = 1; n <= 3; n++)
            {
                all += await ctx.CallActivityAsync<string>("Rate", n) + ";";
            }

            return all;
        });

    [Fact]
    public async Task VerifyHistoryAsync_OneRowEditedInTheTable_ReportsTheChainBrokenAtThatRow()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        DurableTaskOptions options = EngineHarness.Options(azurite, "tamperedit");
        await using var engine = await EngineHarness.StartAsync(options, Registry(), output);
        string id = await CompleteOneAsync(engine, timeout);
        var instances = new TableClient(azurite.ConnectionString, options.TaskHubName + "Instances");

        TableEntity row = (await instances.GetEntityAsync<TableEntity>(id, "h0000000002", cancellationToken: timeout)).Value;
        string events = row.GetString("Events")!;
        Assert.Contains("rating-2", events, StringComparison.Ordinal);
        row["Events"] = events.Replace("rating-2", "rating-5", StringComparison.Ordinal);
        await instances.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace, timeout);

        HistoryVerification? verification = await engine.Client.VerifyHistoryAsync(id, timeout);

        Assert.NotNull(verification);
        Assert.False(verification.IsIntact);
        Assert.Equal(2, verification.FirstBrokenSeq);
        Assert.NotEqual(verification.StoredHash, verification.ComputedHash);
        Assert.Contains("content does not match", verification.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyHistoryAsync_MiddleRowDeletedFromTheTable_ReportsTheMissingRow()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        DurableTaskOptions options = EngineHarness.Options(azurite, "tamperdel");
        await using var engine = await EngineHarness.StartAsync(options, Registry(), output);
        string id = await CompleteOneAsync(engine, timeout);
        var instances = new TableClient(azurite.ConnectionString, options.TaskHubName + "Instances");

        await instances.DeleteEntityAsync(id, "h0000000001", ETag.All, timeout);
        HistoryVerification? verification = await engine.Client.VerifyHistoryAsync(id, timeout);

        Assert.NotNull(verification);
        Assert.False(verification.IsIntact);
        Assert.Equal(1, verification.FirstBrokenSeq);
        Assert.Contains("row 1 is missing", verification.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyHistoryAsync_LastRowDeletedFromTheTable_ReportsTheChainShorterThanTheInstanceRecords()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        DurableTaskOptions options = EngineHarness.Options(azurite, "tampertail");
        await using var engine = await EngineHarness.StartAsync(options, Registry(), output);
        string id = await CompleteOneAsync(engine, timeout);
        InstanceHistory history = (await engine.Client.GetHistoryAsync(id, timeout))!;
        long last = history.Rows[^1].Seq;
        var instances = new TableClient(azurite.ConnectionString, options.TaskHubName + "Instances");

        await instances.DeleteEntityAsync(id, "h" + last.ToString("D10", System.Globalization.CultureInfo.InvariantCulture), ETag.All, timeout);
        HistoryVerification? verification = await engine.Client.VerifyHistoryAsync(id, timeout);

        Assert.NotNull(verification);
        Assert.False(verification.IsIntact);
        Assert.Equal(last, verification.FirstBrokenSeq);
    }

    private static async Task<string> CompleteOneAsync(DurableTaskEngine engine, CancellationToken timeout)
    {
        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("ThreeRatings", "", cancellation: timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);
        Assert.Equal("rating-1;rating-2;rating-3;", done.ReadOutputAs<string>());
        HistoryVerification? before = await engine.Client.VerifyHistoryAsync(id, timeout);
        Assert.NotNull(before);
        Assert.True(before.IsIntact, before.Reason);
        Assert.Equal(4, before.RowCount);
        return id;
    }
}
