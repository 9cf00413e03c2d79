using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Tests.Api.Cycles;
using AnnualReview.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Api.Audit;

[Collection("azurite")]
public sealed class AuditEndpointsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task History_ExportAndManifest_OfAnEndedCycle_AgreeWithHashesRecomputedHere()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(120));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, SmallCity.FastClock);
        await SmallCity.ImportAsync(app, timeout);
        using HttpClient auditor = app.As(AppRoles.Auditor, SmallCity.Board);
        using HttpResponseMessage started = await app.As(AppRoles.OrganizationBoard, SmallCity.Board).PostAsJsonAsync("/api/cycles", SmallCity.CycleSoon(app), timeout);
        string id = (await SmallCity.ReadJsonAsync(started, timeout)).GetProperty("id").GetString()!;
        await CycleHelpers.WaitForCompletionAsync(auditor, id, timeout);
        await WaitUntilSealedAsync(auditor, id, timeout);

        JsonElement history = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit/instances/{id}/history", timeout);
        byte[] export = await auditor.GetByteArrayAsync($"/api/audit/cycles/{id}/export", timeout);
        JsonElement manifest = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit/cycles/{id}/manifest", timeout);

        JsonElement[] events = [.. history.GetProperty("events").EnumerateArray()];
        JsonElement start = events.First(e => e.GetProperty("type").GetString() == "ExecutionStarted");
        Assert.Equal("AssessmentCycle", start.GetProperty("name").GetString());
        Assert.Contains("\"rootUnitId\":\"hcm\"", start.GetProperty("payload").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "ExecutionCompleted");
        Assert.True(history.GetProperty("verification").GetProperty("isIntact").GetBoolean());
        Assert.All(events, e => Assert.Matches("^[0-9a-f]{64}$", e.GetProperty("seal").GetString()));

        // The export: one JSON object per line; recompute each instance's hash and the whole export's.
        List<byte[]> lines = SplitLines(export);
        var byInstance = lines.GroupBy(l => JsonDocument.Parse(l).RootElement.GetProperty("instanceId").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
        JsonElement[] entries = [.. manifest.GetProperty("instances").EnumerateArray()];
        Assert.Contains(id, byInstance.Keys);
        Assert.Contains($"{id}~{SmallCity.Q2Cell}", byInstance.Keys);
        Assert.Equal(byInstance.Keys.Order(StringComparer.Ordinal), entries.Select(e => e.GetProperty("instanceId").GetString()!));
        foreach (JsonElement entry in entries)
        {
            List<byte[]> mine = byInstance[entry.GetProperty("instanceId").GetString()!];
            Assert.Equal(Sha256(mine), entry.GetProperty("sha256").GetString());
            Assert.Equal(mine.Count, entry.GetProperty("events").GetInt32());
            Assert.True(entry.GetProperty("verification").GetProperty("isIntact").GetBoolean());
        }

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(export)), manifest.GetProperty("exportSha256").GetString());
        Assert.Equal(lines.Count, manifest.GetProperty("lineCount").GetInt32());
        Assert.Equal(events.Length, byInstance[id].Count);
    }

    /// <summary>
    /// Someone with the storage key edits an event in the task hub's History table after it was sealed (the same
    /// event, other bytes): the history API, the manifest and the audit page name that event.
    /// </summary>
    [Fact]
    public async Task History_EventEditedInTheHistoryTable_IsNamedInHistoryAndManifest()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(120));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, SmallCity.FastClock);
        await SmallCity.ImportAsync(app, timeout);
        using HttpClient auditor = app.As(AppRoles.Auditor, SmallCity.Board);
        using HttpResponseMessage started = await app.As(AppRoles.OrganizationBoard, SmallCity.Board).PostAsJsonAsync("/api/cycles", SmallCity.CycleSoon(app), timeout);
        string id = (await SmallCity.ReadJsonAsync(started, timeout)).GetProperty("id").GetString()!;
        await CycleHelpers.WaitForCompletionAsync(auditor, id, timeout);
        await WaitUntilSealedAsync(auditor, id, timeout);
        string tampered = $"{id}~{SmallCity.Q1}";
        var history = new TableClient(azurite.ConnectionString, app.TaskHub + "History");
        TableEntity row = (await history.GetEntityAsync<TableEntity>(tampered, "0000000000000001", cancellationToken: timeout)).Value;
        Assert.Equal("ExecutionStarted", row.GetString("EventType"));

        // The same input, other bytes: the seal covers the stored text exactly.
        row["Input"] = JsonNode.Parse(row.GetString("Input")!)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        await history.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace, timeout);
        JsonElement verification = (await auditor.GetFromJsonAsync<JsonElement>($"/api/audit/instances/{tampered}/history", timeout)).GetProperty("verification");
        JsonElement manifest = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit/cycles/{id}/manifest", timeout);

        Assert.False(verification.GetProperty("isIntact").GetBoolean());
        Assert.Equal(1, verification.GetProperty("firstBrokenSeq").GetInt64());
        Assert.Contains("ExecutionStarted", verification.GetProperty("firstBrokenEvent").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(verification.GetProperty("sealedHash").GetString(), verification.GetProperty("computedHash").GetString());
        JsonElement[] entries = [.. manifest.GetProperty("instances").EnumerateArray()];
        Assert.False(entries.Single(e => e.GetProperty("instanceId").GetString() == tampered).GetProperty("verification").GetProperty("isIntact").GetBoolean());
        Assert.All(entries.Where(e => e.GetProperty("instanceId").GetString() != tampered), e => Assert.True(e.GetProperty("verification").GetProperty("isIntact").GetBoolean()));
    }

    /// <summary>The sealer seals within seconds; an auditor exports an ended cycle once every event is sealed.</summary>
    internal static async Task WaitUntilSealedAsync(HttpClient auditor, string cycleId, CancellationToken timeout)
    {
        while (true)
        {
            JsonElement manifest = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit/cycles/{cycleId}/manifest", timeout);
            if (manifest.GetProperty("instances").EnumerateArray().All(e => e.GetProperty("verification").GetProperty("unsealedCount").GetInt32() == 0))
            {
                return;
            }

            await Task.Delay(250, timeout);
        }
    }

    /// <summary>Who reads which history: audit roles only, and only for instances of units in their subtree; exports need the whole cycle.</summary>
    [Theory]
    [InlineData(AppRoles.Auditor, SmallCity.Board, "", 200, 200)]
    [InlineData(AppRoles.Auditor, SmallCity.Board, "~q2", 200, 200)]
    [InlineData(AppRoles.Auditor, SmallCity.Q1, "~q1", 200, 403)]
    [InlineData(AppRoles.Auditor, SmallCity.Q2, "~q1", 403, 403)]
    [InlineData(AppRoles.Auditor, SmallCity.Q1, "", 403, 403)]
    [InlineData(AppRoles.OrganizationBoard, SmallCity.Board, "~q1", 200, 200)]
    [InlineData(AppRoles.Admin, null, "~q2", 200, 200)]
    [InlineData(AppRoles.Admin, null, "~nowhere", 404, 200)]
    [InlineData(AppRoles.Committee, SmallCity.Board, "", 403, 403)]
    [InlineData(AppRoles.CellSecretary, SmallCity.Q1Cell, "~q1", 403, 403)]
    [InlineData(AppRoles.Member, SmallCity.Q1Cell, "~q1", 403, 403)]
    public async Task Audit_ByRoleAndSubtree(string role, string? unit, string suffix, int historyStatus, int exportStatus)
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, SmallCity.PinnedClock);
        await SmallCity.ImportAsync(app, timeout);
        using HttpResponseMessage started = await app.As(AppRoles.Admin, null).PostAsJsonAsync("/api/cycles", SmallCity.Cycle(2025), timeout);
        string id = (await SmallCity.ReadJsonAsync(started, timeout)).GetProperty("id").GetString()!;
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        await client.WaitForInstanceStartAsync($"{id}~{SmallCity.Q1}", timeout);
        await client.WaitForInstanceStartAsync($"{id}~{SmallCity.Q2}", timeout);
        using HttpClient caller = app.As(role, unit);

        using HttpResponseMessage history = await caller.GetAsync($"/api/audit/instances/{id}{suffix}/history", timeout);
        using HttpResponseMessage export = await caller.GetAsync($"/api/audit/cycles/{id}/export", timeout);
        using HttpResponseMessage manifest = await caller.GetAsync($"/api/audit/cycles/{id}/manifest", timeout);

        Assert.Equal(historyStatus, (int)history.StatusCode);
        Assert.Equal(exportStatus, (int)export.StatusCode);
        Assert.Equal(exportStatus, (int)manifest.StatusCode);
        if (historyStatus == 200)
        {
            Assert.Equal(id + suffix, (await SmallCity.ReadJsonAsync(history, timeout)).GetProperty("instanceId").GetString());
        }
        else
        {
            Assert.Equal(ApiProblem.ContentType, history.Content.Headers.ContentType?.MediaType);
        }
    }

    private static List<byte[]> SplitLines(byte[] export)
    {
        var lines = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < export.Length; i++)
        {
            if (export[i] == (byte)'\n')
            {
                lines.Add(export[start..(i + 1)]);
                start = i + 1;
            }
        }

        Assert.Equal(export.Length, start);
        return lines;
    }

    private static string Sha256(List<byte[]> lines)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (byte[] line in lines)
        {
            hash.AppendData(line);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
