using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Testing;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Api.Cycles;

[Collection("azurite")]
public sealed class CycleEndpointsTests(AzuriteFixture azurite)
{
    private static CancellationToken Timeout(int seconds = 60) => TestTimeout.For(TimeSpan.FromSeconds(seconds));

    /// <summary>A cycle nobody acts in, on a fast clock: every deadline passes, so it closes as "not submitted" and finishes in seconds.</summary>
    [Fact]
    public async Task Start_NobodyActsOnAFastClock_RunsToTheEndWithProgressAndReports()
    {
        CancellationToken timeout = Timeout(120);
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, SmallCity.FastClock);
        await SmallCity.ImportAsync(app, timeout);
        using HttpClient board = app.As(AppRoles.OrganizationBoard, SmallCity.Board);
        using HttpClient committee = app.As(AppRoles.Committee, SmallCity.Q1);

        using HttpResponseMessage started = await board.PostAsJsonAsync("/api/cycles", SmallCity.CycleSoon(app), timeout);
        JsonElement links = await SmallCity.ReadJsonAsync(started, timeout);
        string id = links.GetProperty("id").GetString()!;
        JsonElement cycle = await CycleHelpers.WaitForCompletionAsync(board, id, timeout);
        JsonElement part = await committee.GetFromJsonAsync<JsonElement>($"/api/cycles/{id}", timeout);
        JsonElement unit = await committee.GetFromJsonAsync<JsonElement>($"/api/cycles/{id}/units/{SmallCity.Q1}", timeout);
        JsonElement late = await board.GetFromJsonAsync<JsonElement>($"/api/cycles/{id}/late", timeout);
        using HttpResponseMessage csv = await app.As(AppRoles.OrganizationBoard, SmallCity.Board, language: "en").GetAsync($"/api/cycles/{id}/reports/{SmallCity.Board}.csv", timeout);
        using HttpResponseMessage xlsx = await board.GetAsync($"/api/cycles/{id}/reports/{SmallCity.Board}.xlsx", timeout);
        byte[] workbook = await xlsx.Content.ReadAsByteArrayAsync(timeout);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("cycle-2025-hcm", id);
        Assert.Equal(new Uri(app.BaseAddress, $"/api/cycles/{id}"), started.Headers.Location);
        Assert.StartsWith(new Uri(app.BaseAddress, $"/runtime/webhooks/durabletask/instances/{id}?").ToString(), links.GetProperty("statusQueryGetUri").GetString(), StringComparison.Ordinal);
        Assert.Contains($"/instances/{id}/raiseEvent/{{eventName}}?", links.GetProperty("sendEventPostUri").GetString(), StringComparison.Ordinal);
        Assert.Contains($"/instances/{id}/terminate?reason={{text}}", links.GetProperty("terminatePostUri").GetString(), StringComparison.Ordinal);
        Assert.Contains($"/instances/{id}/suspend?", links.GetProperty("suspendPostUri").GetString(), StringComparison.Ordinal);
        Assert.Contains($"/instances/{id}/resume?", links.GetProperty("resumePostUri").GetString(), StringComparison.Ordinal);
        Assert.Contains($"taskHub={app.TaskHub}", links.GetProperty("purgeHistoryDeleteUri").GetString(), StringComparison.Ordinal);

        Assert.Equal(SmallCity.Units.Order(StringComparer.Ordinal), cycle.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unitId").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(6, cycle.GetProperty("totals").GetProperty("members").GetInt32());
        Assert.Equal([SmallCity.Q1, SmallCity.Q1Grassroots, SmallCity.Q1Cell], part.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unitId").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(3, part.GetProperty("totals").GetProperty("members").GetInt32());
        Assert.Equal(SmallCity.Q1, unit.GetProperty("unit").GetProperty("unitId").GetString());
        Assert.Equal([SmallCity.Q1Grassroots], unit.GetProperty("children").EnumerateArray().Select(u => u.GetProperty("unitId").GetString()));
        Assert.Equal(id, late.GetProperty("cycleId").GetString());

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Quận ủy Quận 1", await csv.Content.ReadAsStringAsync(timeout), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("PK"u8.ToArray(), workbook[..2]);
    }

    [Fact]
    public async Task Start_TheSameCycleTwice_IsRefusedAsExistingButItsOwnRetryGetsTheFirstAnswer()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, SmallCity.PinnedClock);
        await SmallCity.ImportAsync(app, timeout);
        using HttpClient board = app.As(AppRoles.OrganizationBoard, SmallCity.Board, language: "en");

        using HttpResponseMessage first = await board.SendAsync(WithKey(SmallCity.Cycle(2025), "start-1"), timeout);
        using HttpResponseMessage retry = await board.SendAsync(WithKey(SmallCity.Cycle(2025), "start-1"), timeout);
        using HttpResponseMessage second = await board.PostAsJsonAsync("/api/cycles", SmallCity.Cycle(2025), timeout);
        JsonElement problem = await SmallCity.ReadJsonAsync(second, timeout);
        JsonElement cycles = await board.GetFromJsonAsync<JsonElement>("/api/cycles", timeout);
        using HttpResponseMessage report = await board.GetAsync($"/api/cycles/cycle-2025-hcm/reports/{SmallCity.Board}.xlsx", timeout);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(timeout), await retry.Content.ReadAsStringAsync(timeout));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(ProblemKind.TypeBase + "cycle-exists", problem.GetProperty("type").GetString());
        Assert.Equal("This cycle has already been started", problem.GetProperty("title").GetString());
        Assert.Equal("year", problem.GetProperty("field").GetString());
        JsonElement only = Assert.Single(cycles.EnumerateArray());
        Assert.Equal("cycle-2025-hcm", only.GetProperty("cycleId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, report.StatusCode);
        Assert.Equal(ProblemKind.ReportNotReady.Type, (await SmallCity.ReadJsonAsync(report, timeout)).GetProperty("type").GetString());
    }

    private static HttpRequestMessage WithKey(object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cycles") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    public static TheoryData<string, string, string, string> BadDefinitions => new()
    {
        // change, value (JSON), expected field, expected problem slug
        { "year", "1999", "year", "validation" },
        { "ruleSetId", "\"QD999\"", "ruleSetId", "validation" },
        { "rootUnitId", "\"no-such-unit\"", "rootUnitId", "validation" },
        { "rootUnitId", "\"q1-g1-c1\"", "rootUnitId", "validation" },
        { "hardStop", "\"2026-01-15\"", "hardStop", "validation" },
        { "hardStop", "\"2062-02-01\"", "hardStop", "validation" },
        { "hardStop", "null", "hardStop", "validation" },
        { "dueDates", "{ \"selfReview\": \"2025-12-20\", \"cellMeeting\": \"2025-12-18\", \"grassrootsDecision\": \"2025-12-26\", \"committeeDecision\": \"2025-12-31\", \"boardReport\": \"2026-02-01\" }", "dueDates.cellMeeting", "validation" },
        { "dueDates", "{ \"cellMeeting\": \"2025-12-18\", \"grassrootsDecision\": \"2025-12-26\", \"committeeDecision\": \"2025-12-31\", \"boardReport\": \"2026-02-01\" }", "dueDates.selfReview", "validation" },
        { "dueDates", "{ \"selfReview\": \"2025-13-45\" }", "dueDates.selfReview", "malformed-body" },
        { "year", "\"twenty\"", "year", "malformed-body" },
        { "timeZoneId", "\"Mars/Olympus\"", "timeZoneId", "validation" },
        { "reminderOffsets", "[\"-1.00:00:00\"]", "reminderOffsets[0]", "validation" },
        { "escalationLadder", "[{ \"afterDue\": \"02:00:00\", \"target\": \"Supervisor\", \"handsOver\": true }]", "escalationLadder[0].afterDue", "validation" },
        { "overrides", "[{ \"unitId\": \"elsewhere\", \"step\": \"SelfReview\", \"due\": \"2025-12-12\" }]", "overrides[0].unitId", "validation" },
    };

    [Theory]
    [MemberData(nameof(BadDefinitions))]
    public async Task Start_BadDefinition_NamesTheFieldInBothLanguagesAndStartsNothing(string property, string value, string field, string slug)
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        await SmallCity.ImportAsync(app, timeout);
        var definition = SmallCity.Cycle(2025);
        definition[property] = JsonSerializer.Deserialize<JsonElement>(value);
        string body = JsonSerializer.Serialize(definition);

        using HttpResponseMessage vi = await app.As(AppRoles.OrganizationBoard, SmallCity.Board).PostAsync("/api/cycles", SmallCity.JsonContent(body), timeout);
        using HttpResponseMessage en = await app.As(AppRoles.OrganizationBoard, SmallCity.Board, language: "en-US").PostAsync("/api/cycles", SmallCity.JsonContent(body), timeout);
        JsonElement problemVi = await SmallCity.ReadJsonAsync(vi, timeout);
        JsonElement problemEn = await SmallCity.ReadJsonAsync(en, timeout);
        JsonElement cycles = await app.As(AppRoles.Admin, null).GetFromJsonAsync<JsonElement>("/api/cycles", timeout);
        ProblemKind kind = slug == "validation" ? ProblemKind.Validation : ProblemKind.MalformedBody;

        Assert.Equal(HttpStatusCode.BadRequest, vi.StatusCode);
        Assert.Equal(ApiProblem.ContentType, vi.Content.Headers.ContentType?.MediaType);
        Assert.Equal(kind.Type, problemVi.GetProperty("type").GetString());
        Assert.Equal(kind.TitleVi, problemVi.GetProperty("title").GetString());
        Assert.Equal(kind.TitleEn, problemEn.GetProperty("title").GetString());
        string[] fields = problemVi.TryGetProperty("errors", out JsonElement errors)
            ? [.. errors.EnumerateArray().Select(e => e.GetProperty("field").GetString()!)]
            : [problemVi.GetProperty("field").GetString()!];
        Assert.Contains(field, fields);
        Assert.Empty(cycles.EnumerateArray());
    }

    [Fact]
    public async Task Start_NotJson_IsUnsupportedContentType()
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);

        using HttpResponseMessage response = await app.As(AppRoles.Admin, null).PostAsync("/api/cycles", SmallCity.CsvContent("year,2025"), timeout);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(ProblemKind.UnsupportedContentType.Type, (await SmallCity.ReadJsonAsync(response, timeout)).GetProperty("type").GetString());
    }

    [Theory]
    [InlineData(AppRoles.OrganizationBoard, SmallCity.Board, SmallCity.Board, 202, null)]
    [InlineData(AppRoles.OrganizationBoard, SmallCity.Q1, SmallCity.Q1, 202, null)]
    [InlineData(AppRoles.Admin, null, SmallCity.Board, 202, null)]
    [InlineData(AppRoles.OrganizationBoard, SmallCity.Q1, SmallCity.Board, 403, "out-of-scope")]
    [InlineData(AppRoles.OrganizationBoard, SmallCity.Q2, SmallCity.Q1, 403, "out-of-scope")]
    [InlineData(AppRoles.Committee, SmallCity.Board, SmallCity.Board, 403, "forbidden")]
    [InlineData(AppRoles.CellSecretary, SmallCity.Q1Cell, SmallCity.Q1, 403, "forbidden")]
    [InlineData(AppRoles.Member, SmallCity.Q1Cell, SmallCity.Q1, 403, "forbidden")]
    [InlineData(AppRoles.Auditor, SmallCity.Board, SmallCity.Board, 403, "forbidden")]
    public async Task Start_ByRoleAndSubtree(string role, string? unit, string root, int status, string? slug)
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, SmallCity.PinnedClock);
        await SmallCity.ImportAsync(app, timeout);

        using HttpResponseMessage response = await app.As(role, unit).PostAsJsonAsync("/api/cycles", SmallCity.Cycle(2025, root), timeout);
        JsonElement cycles = await app.As(AppRoles.Admin, null).GetFromJsonAsync<JsonElement>("/api/cycles", timeout);

        Assert.Equal(status, (int)response.StatusCode);
        if (slug is not null)
        {
            Assert.Equal(ProblemKind.TypeBase + slug, (await SmallCity.ReadJsonAsync(response, timeout)).GetProperty("type").GetString());
        }

        Assert.Equal(status == 202 ? 1 : 0, cycles.GetArrayLength());
    }

    /// <summary>
    /// Who reads what of a running cycle (progress rows written here, as the workflows would): the units under the
    /// caller's own unit; members and callers outside the cycle not at all.
    /// </summary>
    [Theory]
    [InlineData(AppRoles.OrganizationBoard, SmallCity.Board, 200, 7, 200, 200)]
    [InlineData(AppRoles.Auditor, SmallCity.Board, 200, 7, 200, 200)]
    [InlineData(AppRoles.Admin, null, 200, 7, 200, 200)]
    [InlineData(AppRoles.Committee, SmallCity.Q1, 200, 3, 200, 403)]
    [InlineData(AppRoles.Committee, SmallCity.Q2, 200, 3, 403, 200)]
    [InlineData(AppRoles.CellSecretary, SmallCity.Q2Cell, 200, 1, 403, 403)]
    [InlineData(AppRoles.Member, SmallCity.Q1Cell, 403, 0, 403, 403)]
    public async Task Read_ByRoleAndSubtree(string role, string? unit, int cycleStatus, int unitsSeen, int q1Status, int q2Status)
    {
        CancellationToken timeout = Timeout();
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, SmallCity.PinnedClock);
        await SmallCity.ImportAsync(app, timeout);
        string id = await CycleHelpers.StartWithProgressAsync(app, timeout);
        using HttpClient caller = app.As(role, unit);

        using HttpResponseMessage cycle = await caller.GetAsync($"/api/cycles/{id}", timeout);
        using HttpResponseMessage q1 = await caller.GetAsync($"/api/cycles/{id}/units/{SmallCity.Q1}", timeout);
        using HttpResponseMessage q2 = await caller.GetAsync($"/api/cycles/{id}/units/{SmallCity.Q2}", timeout);
        using HttpResponseMessage late = await caller.GetAsync($"/api/cycles/{id}/late", timeout);
        using HttpResponseMessage listed = await caller.GetAsync("/api/cycles", timeout);

        Assert.Equal(cycleStatus, (int)cycle.StatusCode);
        Assert.Equal(cycleStatus, (int)late.StatusCode);
        Assert.Equal(q1Status, (int)q1.StatusCode);
        Assert.Equal(q2Status, (int)q2.StatusCode);
        Assert.Equal(cycleStatus, (int)listed.StatusCode);
        if (cycleStatus == 200)
        {
            JsonElement body = await SmallCity.ReadJsonAsync(cycle, timeout);
            Assert.Equal(unitsSeen, body.GetProperty("units").GetArrayLength());
            Assert.Equal(id, Assert.Single((await SmallCity.ReadJsonAsync(listed, timeout)).EnumerateArray()).GetProperty("cycleId").GetString());
            JsonElement lateBody = await SmallCity.ReadJsonAsync(late, timeout);
            int expectedLate = unitsSeen == 7 || unit == SmallCity.Q2 || unit == SmallCity.Q2Cell ? 1 : 0;
            Assert.Equal(expectedLate, lateBody.GetProperty("late").GetArrayLength());
        }
    }
}

/// <summary>Helpers shared by the cycle and audit tests.</summary>
internal static class CycleHelpers
{
    public static async Task<JsonElement> WaitForCompletionAsync(HttpClient client, string id, CancellationToken timeout)
    {
        while (true)
        {
            JsonElement cycle = await client.GetFromJsonAsync<JsonElement>($"/api/cycles/{id}", timeout);
            if (cycle.GetProperty("cycle").GetProperty("status").GetString() == "Completed")
            {
                return cycle;
            }

            await Task.Delay(200, timeout);
        }
    }

    /// <summary>
    /// Starts the 2025 cycle on the pinned clock (its deadlines are ahead, so nothing moves on its own) and writes a progress row per
    /// unit and one late report for the q2 cell, as the workflows would.
    /// </summary>
    public static async Task<string> StartWithProgressAsync(TestApp app, CancellationToken timeout)
    {
        using HttpResponseMessage started = await app.As(AppRoles.Admin, null).PostAsJsonAsync("/api/cycles", SmallCity.Cycle(2025), timeout);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        string id = (await SmallCity.ReadJsonAsync(started, timeout)).GetProperty("id").GetString()!;
        var readModels = app.Services.GetRequiredService<ReadModelStore>();
        var roster = app.Services.GetRequiredService<RosterStore>();
        foreach (string unitId in SmallCity.Units)
        {
            Unit unit = (await roster.GetUnitAsync(unitId, timeout))!;
            await readModels.WriteProgressAsync(new ProgressRow(id, unit.Id, unit.Name, unit.Kind, unit.ParentId, "SelfReview")
            {
                Members = unit.Kind == UnitKind.Cell ? 3 : 0,
                ByStage = unit.Kind == UnitKind.Cell ? new Dictionary<MemberStage, int> { [MemberStage.NotStarted] = 3 } : new Dictionary<MemberStage, int>(),
            }, timeout);
        }

        await readModels.WriteLateAsync(new LateEntry(id, SmallCity.Q2Cell, "Chi bộ khu phố 2", "CellMeeting", new DateTime(2025, 12, 18, 10, 0, 0, DateTimeKind.Utc))
        {
            RemindedAt = [new DateTime(2025, 12, 15, 1, 0, 0, DateTimeKind.Utc)],
            EscalatedTo = [SmallCity.Q2Grassroots],
            PendingCount = 1,
        }, timeout);
        return id;
    }
}
