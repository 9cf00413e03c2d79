using Azure;
using Azure.Data.Tables;
using AnnualReview.TaskHub.Sealing;
using AnnualReview.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AnnualReview.TaskHub.Tests.Sealing;

/// <summary>The seals over DTFx's History table: written as the history grows, and broken by any edit of a sealed event.</summary>
[Collection("azurite")]
public sealed class HistorySealerTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static void Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<string, string>("Shout", (_, text) => text.ToUpperInvariant())
        .AddOrchestratorFunc<string, string>("Greeting", async (ctx, name) =>
        {
            string vote = await ctx.WaitForExternalEvent<string>("vote");
            return await ctx.CallActivityAsync<string>("Shout", $"{name}: {vote}");
        });

    [Fact]
    public async Task Worker_SealsEveryEventOfAnInstance_WithinSecondsOfItsStep()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestEngine engine = await Engines.StartAsync(azurite, Register, output);
        string id = await GreetAsync(engine, timeout);

        // No one calls the sealer here: the worker marks the instance and the sealing service seals it.
        VerifiedHistory history = await UntilSealedAsync(engine, id, timeout);

        Assert.True(history.Verification.IsIntact, history.Verification.Reason);
        Assert.Equal(history.Events.Count, history.Verification.SealedCount);
        Assert.Contains(history.Events, e => e.EventType == "EventRaised" && e.Payload == "\"đồng ý\"");
        Assert.All(history.Events, e => Assert.NotNull(history.SealOf(e.Seq)));
        Assert.True(history.Verification.LastSealedAt - history.Events[^1].Timestamp < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task EditedEvent_IsNamed_AndTheEventsBeforeItStillMatch()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestEngine engine = await Engines.StartAsync(azurite, Register, output);
        string id = await GreetAsync(engine, timeout);
        VerifiedHistory before = await UntilSealedAsync(engine, id, timeout);
        long raised = before.Events.Single(e => e.EventType == "EventRaised").Seq;

        // Someone with the storage key changes the vote.
        TableEntity row = (await engine.Storage.History.GetEntityAsync<TableEntity>(id, raised.ToString("X16", System.Globalization.CultureInfo.InvariantCulture), cancellationToken: timeout)).Value;
        row["Input"] = "\"phản đối\"";
        await engine.Storage.History.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace, timeout);
        HistoryVerification after = (await engine.Verifier.ReadAndVerifyAsync(id, timeout)).Verification;

        Assert.False(after.IsIntact);
        Assert.Equal(raised, after.FirstBrokenSeq);
        Assert.Equal($"EventRaised 'vote' #{raised}", after.FirstBrokenEvent);
        Assert.Equal(before.SealOf(raised), after.SealedHash);
    }

    [Fact]
    public async Task DeletedEvent_IsNamedAsMissing()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestEngine engine = await Engines.StartAsync(azurite, Register, output);
        string id = await GreetAsync(engine, timeout);
        VerifiedHistory before = await UntilSealedAsync(engine, id, timeout);
        long last = before.Events[^1].Seq;

        await engine.Storage.History.DeleteEntityAsync(id, last.ToString("X16", System.Globalization.CultureInfo.InvariantCulture), ETag.All, timeout);
        HistoryVerification after = (await engine.Verifier.ReadAndVerifyAsync(id, timeout)).Verification;

        Assert.False(after.IsIntact);
        Assert.Equal(last, after.FirstBrokenSeq);
        Assert.Contains("gone from the History table", after.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SealingTwice_AddsNothing_AndASealerThatDiedMidwayLeavesLinesThatStillVerify()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestEngine engine = await Engines.StartAsync(azurite, Register, output);
        string id = await GreetAsync(engine, timeout);
        VerifiedHistory sealedOnce = await UntilSealedAsync(engine, id, timeout);

        // A sealer that appended its lines but died before recording how far it got appends them again.
        await engine.Storage.SealIndex.DeleteEntityAsync(id, "", ETag.All, timeout);
        var restarted = new HistorySealer(engine.Storage, TimeProvider.System);
        int resealed = await restarted.SealAsync(id, timeout);
        int again = await restarted.SealAsync(id, timeout);
        VerifiedHistory after = await engine.Verifier.ReadAndVerifyAsync(id, timeout);

        Assert.Equal(sealedOnce.Events.Count, resealed);
        Assert.Equal(0, again);
        Assert.True(after.Verification.IsIntact, after.Verification.Reason);
        Assert.Equal(sealedOnce.Seals, after.Seals);
    }

    /// <summary>Runs one greeting to its end: started, a vote raised, an activity called.</summary>
    private static async Task<string> GreetAsync(TestEngine engine, CancellationToken timeout)
    {
        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Greeting", "Lan", timeout);
        await engine.Client.WaitForInstanceStartAsync(id, timeout);
        await engine.Client.RaiseEventAsync(id, "vote", "đồng ý", timeout);
        await engine.Client.WaitForInstanceCompletionAsync(id, timeout);
        return id;
    }

    internal static async Task<VerifiedHistory> UntilSealedAsync(TestEngine engine, string instanceId, CancellationToken timeout)
    {
        while (true)
        {
            VerifiedHistory history = await engine.Verifier.ReadAndVerifyAsync(instanceId, timeout);
            if (history.Events.Count > 0 && history.Verification.UnsealedCount == 0 && history.Events[^1].EventType == "OrchestratorCompleted")
            {
                return history;
            }

            await Task.Delay(200, timeout);
        }
    }
}
