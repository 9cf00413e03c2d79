using System.Text.Json;
using AnnualReview.TaskHub.Archive;
using AnnualReview.TaskHub.Sealing;
using AnnualReview.TaskHub.Tests.Sealing;
using AnnualReview.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.TaskHub.Tests.Archive;

[Collection("azurite")]
public sealed class HistoryArchiveTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static void Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<string, string>("Shout", (_, text) => text.ToUpperInvariant())
        .AddOrchestratorFunc<string, string>("Shouting", (ctx, text) => ctx.CallActivityAsync<string>("Shout", text))
        .AddOrchestratorFunc<string?, string>("Waiting", (ctx, _) => ctx.WaitForExternalEvent<string>("never"));

    [Fact]
    public async Task Purge_ArchivesTheWholeSealedHistoryFirst_ThenDeletesTheInstance()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestEngine engine = await Engines.StartAsync(azurite, Register, output);
        var archive = engine.Services.GetRequiredService<HistoryArchive>();
        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Shouting", "xin chào", timeout);
        await engine.Client.WaitForInstanceCompletionAsync(id, timeout);
        VerifiedHistory history = await HistorySealerTests.UntilSealedAsync(engine, id, timeout);

        int purged = await archive.ArchiveAndPurgeAsync(engine.Client, id, timeout);
        string? archived = await archive.ReadAsync(id, timeout);

        Assert.Equal(1, purged);
        Assert.Null(await engine.Client.GetInstanceAsync(id, timeout));
        Assert.NotNull(archived);
        string[] lines = archived!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        JsonElement header = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("Completed", header.GetProperty("status").GetString());
        Assert.Equal("\"XIN CHÀO\"", header.GetProperty("output").GetString());
        Assert.True(header.GetProperty("verification").GetProperty("isIntact").GetBoolean());
        Assert.Equal(history.Events.Count, lines.Length - 1);
        Assert.All(lines.Skip(1).Select(l => JsonDocument.Parse(l).RootElement), (e, i) =>
            Assert.Equal(history.SealOf(history.Events[i].Seq), e.GetProperty("seal").GetString()));
    }

    [Fact]
    public async Task Purge_OfARunningInstance_DoesNothing()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestEngine engine = await Engines.StartAsync(azurite, Register, output);
        var archive = engine.Services.GetRequiredService<HistoryArchive>();
        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Waiting", cancellation: timeout);
        await engine.Client.WaitForInstanceStartAsync(id, timeout);

        Assert.Equal(0, await archive.ArchiveAndPurgeAsync(engine.Client, id, timeout));
        Assert.Null(await archive.ReadAsync(id, timeout));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await engine.Client.GetInstanceAsync(id, timeout))!.RuntimeStatus);
    }
}
