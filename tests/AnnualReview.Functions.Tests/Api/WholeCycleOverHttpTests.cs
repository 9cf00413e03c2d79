using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnnualReview.Functions.Notifications.Delivery;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Tests.Api.Cycles;
using AnnualReview.Functions.Tests.Api.Reviews;
using AnnualReview.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Api;

/// <summary>
/// A whole review year over HTTP against the real app, on a clock that runs an hour of the cycle per second:
/// the board imports its roster and starts the cycle, three members submit their self-reviews and one never
/// does, the cell holds its meeting, the self-review step closes on its own and shuts out the absentee, the
/// committee appraises the grassroots organization, the committee and the board rate the organizations below
/// them, and the finished cycle has its report, an intact audit chain and each member's final-level notice.
/// </summary>
[Collection("azurite")]
public sealed class WholeCycleOverHttpTests(AzuriteFixture azurite)
{
    private const string Board = "hn";
    private const string Committee = "hn-bd";
    private const string Grassroots = "hn-bd-g1";
    private const string Cell = "hn-bd-g1-c1";
    private const string CycleId = "cycle-2025-hn";

    /// <summary>
    /// The self-review step closes at the end of the cell meeting's due day (11 Dec in Hồ Chí Minh City = 17:00
    /// UTC), 15 simulated hours (15 real seconds) after the clock starts: time enough to submit before it, and
    /// only a short wait for it. Every later step has a day or more (24+ real seconds) after the previous one.
    /// </summary>
    private static readonly KeyValuePair<string, string>[] ScaledClock =
    [
        new("Clock:Start", "2025-12-11T02:00:00Z"),
        new("Clock:Scale", "3600"),
    ];

    [Fact]
    public async Task Cycle_FromRosterImportToFinalReport_OverHttp()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(2));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, ScaledClock);
        using HttpClient board = app.As(AppRoles.OrganizationBoard, Board);
        using HttpClient auditor = app.As(AppRoles.Auditor, Board);

        using (HttpResponseMessage imported = await board.PostAsync("/api/roster/import", SmallCity.JsonContent(Roster()), timeout))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        await LastYearAsync(app.Services, timeout);
        using (HttpResponseMessage started = await board.PostAsJsonAsync("/api/cycles", Definition(), timeout))
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            JsonElement links = await SmallCity.ReadJsonAsync(started, timeout);
            Assert.Equal(CycleId, links.GetProperty("id").GetString());
            Assert.Contains($"/runtime/webhooks/durabletask/instances/{CycleId}?", links.GetProperty("statusQueryGetUri").GetString(), StringComparison.Ordinal);
        }

        await WaitForStageAsync(auditor, Cell, "self-review", timeout);
        await SelfReviewsAsync(app, timeout);
        await HoldMeetingAsync(app, timeout);

        // m4 never submits: the cell finishes only when the self-review step's deadline closes m4 as "not submitted".
        await WaitForStageAsync(auditor, Grassroots, "appraisal", timeout);
        await AppraiseAsync(app, auditor, timeout);
        await RateOrganizationsAsync(app, auditor, timeout);

        JsonElement cycle = await CycleHelpers.WaitForCompletionAsync(board, CycleId, timeout);
        Assert.Equal(4, cycle.GetProperty("totals").GetProperty("members").GetInt32());
        Assert.Equal([Board, Committee, Grassroots, Cell], cycle.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unitId").GetString()!).Order(StringComparer.Ordinal));

        await AssertReportsAsync(app, timeout);
        await AssertAuditChainAsync(auditor, timeout);
        await AssertFinalLevelNoticesAsync(app, timeout);
    }

    /// <summary>Three members submit (the probationary m3 too); m4 does not.</summary>
    private static async Task SelfReviewsAsync(TestApp app, CancellationToken timeout)
    {
        foreach ((string memberId, string selfRating) in new[] { ("m1", "Good"), ("m2", "Good"), ("m3", "Completed") })
        {
            using HttpClient member = app.As(AppRoles.Member, Cell, memberId);
            Dictionary<string, string> sections = ReviewWorld.Sections();
            if (memberId == "m1")
            {
                // m1 marks the two shortcomings carried from 2024: one fixed, one partly.
                sections["A.III"] = "[Đã khắc phục] Báo cáo chậm — nộp đúng hạn cả năm\n[Khắc phục một phần] Ít phát biểu";
            }

            using var form = new MultipartFormDataContent { { new StringContent(JsonSerializer.Serialize(sections)), "sections" }, { new StringContent(selfRating), "selfRating" } };
            using HttpResponseMessage submitted = await member.PostAsync($"/api/cycles/{CycleId}/members/{memberId}/self-review", form, timeout);
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        }
    }

    /// <summary>
    /// The collective review, the meeting opened and recorded: m1 proposed Good by vote, m2 Good by the points the
    /// meeting agreed (QĐ 366 scores points), m3 Completed, no vote on m4. A first record with a points tally that
    /// breaks the scale is refused, naming each field, and changes nothing.
    /// </summary>
    private static async Task HoldMeetingAsync(TestApp app, CancellationToken timeout)
    {
        using HttpClient secretary = app.As(AppRoles.CellSecretary, Cell, "m1");
        string cellPath = $"/api/cycles/{CycleId}/cells/{Cell}";
        using (HttpResponseMessage collective = await secretary.PostAsJsonAsync($"{cellPath}/collective-review",
            new { sections = new Dictionary<string, string> { ["A.I"] = "Chi bộ hoàn thành tốt nhiệm vụ năm 2025.", ["A.III"] = "[Chưa khắc phục] Sinh hoạt chưa đều" } }, timeout))
        {
            Assert.Equal(HttpStatusCode.Created, collective.StatusCode);
        }

        using (HttpResponseMessage opened = await secretary.PostAsync($"{cellPath}/meeting/open", null, timeout))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        using (HttpResponseMessage refused = await secretary.PostAsJsonAsync($"{cellPath}/meeting", new
        {
            fullMembersConvened = 3,
            fullMembersPresent = 3,
            secretBallot = true,
            tallies = new object[]
            {
                new { memberId = "m2", votes = new Dictionary<string, int> { ["Good"] = 3 }, points = new { groupPoints = new Dictionary<string, decimal> { ["general"] = 31, ["taskResults"] = 51 }, tasksOnTimeShare = 1, tasksExceedingShare = 0, shortcomingsFixedShare = 1 } },
            },
        }, timeout))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            JsonElement problem = await SmallCity.ReadJsonAsync(refused, timeout);
            Assert.Equal(
                [("VotesAndPoints", "tallies[0]"), ("GroupPointsOutOfRange", "tallies[0].points.groupPoints.general")],
                problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("code").GetString(), e.GetProperty("field").GetString())));
        }

        // Three full members (m1, m2, m4) convened and present; the probationary m3 is voted on but does not vote.
        using HttpResponseMessage recorded = await secretary.PostAsJsonAsync($"{cellPath}/meeting", new
        {
            fullMembersConvened = 3,
            fullMembersPresent = 3,
            secretBallot = true,
            tallies = new object[]
            {
                new { memberId = "m1", votes = new Dictionary<string, int> { ["Good"] = 3 } },
                new { memberId = "m2", points = new { groupPoints = new Dictionary<string, decimal> { ["general"] = 22, ["taskResults"] = 51.5m }, tasksOnTimeShare = 1, tasksExceedingShare = 0.1, shortcomingsFixedShare = 1 } },
                new { memberId = "m3", votes = new Dictionary<string, int> { ["Completed"] = 3 } },
            },
        }, timeout);
        Assert.Equal(HttpStatusCode.Accepted, recorded.StatusCode);
        var proposed = (await SmallCity.ReadJsonAsync(recorded, timeout)).GetProperty("proposed").EnumerateArray()
            .ToDictionary(p => p.GetProperty("memberId").GetString()!, p => p.GetProperty("proposed").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["m1"] = "Good", ["m2"] = "Good", ["m3"] = "Completed" }, proposed);
    }

    /// <summary>The committee reads the appraisal table (m4 closed without a proposal), accepts the proposals and finalizes.</summary>
    private static async Task AppraiseAsync(TestApp app, HttpClient auditor, CancellationToken timeout)
    {
        using HttpClient committee = app.As(AppRoles.Committee, Committee);
        string path = $"/api/cycles/{CycleId}/organizations/{Grassroots}/appraisal";
        JsonElement table = await committee.GetFromJsonAsync<JsonElement>(path, timeout);
        var members = table.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("memberId").GetString()!, m => m);
        Assert.Equal("Good", members["m1"].GetProperty("proposed").GetString());
        Assert.Equal(("Good", 73.5m), (members["m2"].GetProperty("proposed").GetString(), members["m2"].GetProperty("points").GetDecimal()));
        Assert.Equal("Completed", members["m3"].GetProperty("proposed").GetString());
        Assert.False(members.TryGetValue("m4", out JsonElement m4) && m4.TryGetProperty("proposed", out JsonElement p) && p.ValueKind == JsonValueKind.String);

        using HttpResponseMessage accepted = await committee.PostAsJsonAsync(path, new
        {
            cellLevels = new Dictionary<string, string> { [Cell] = "Good" },
            finalize = true,
        }, timeout);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await WaitForStageAsync(auditor, Grassroots, "decided", timeout);
    }

    /// <summary>The committee rates its grassroots organization, then the board (the root) rates the committee.</summary>
    private static async Task RateOrganizationsAsync(TestApp app, HttpClient auditor, CancellationToken timeout)
    {
        await WaitForStageAsync(auditor, Committee, "rating-organizations", timeout);
        using (HttpClient committee = app.As(AppRoles.Committee, Committee))
        using (HttpResponseMessage rated = await committee.PostAsJsonAsync($"/api/cycles/{CycleId}/committees/{Committee}/organization-ratings",
            new { levels = new Dictionary<string, string> { [Grassroots] = "Good" } }, timeout))
        {
            Assert.Equal(HttpStatusCode.Accepted, rated.StatusCode);
        }

        await WaitForStageAsync(auditor, Board, "rating-organizations", timeout);
        using HttpClient board = app.As(AppRoles.OrganizationBoard, Board);
        using HttpResponseMessage boardRated = await board.PostAsJsonAsync($"/api/cycles/{CycleId}/committees/{Board}/organization-ratings",
            new { levels = new Dictionary<string, string> { [Committee] = "Excellent" } }, timeout);
        Assert.Equal(HttpStatusCode.Accepted, boardRated.StatusCode);
    }

    /// <summary>Every level of the tree counts the same four members: two Good, one Completed and one not submitted.</summary>
    private static async Task AssertReportsAsync(TestApp app, CancellationToken timeout)
    {
        using HttpClient board = app.As(AppRoles.OrganizationBoard, Board, language: "en");
        using HttpResponseMessage csv = await board.GetAsync($"/api/cycles/{CycleId}/reports/{Board}.csv", timeout);
        using HttpResponseMessage xlsx = await board.GetAsync($"/api/cycles/{CycleId}/reports/{Board}.xlsx", timeout);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync(timeout))[..2]);

        string[] lines = (await csv.Content.ReadAsStringAsync(timeout)).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(cells => cells[0], cells => cells);
        string Column(string unitId, string name) => rows[unitId][Array.IndexOf(header, name)];

        Assert.Equal([Board, Committee, Grassroots, Cell], rows.Keys.Order(StringComparer.Ordinal));
        foreach (string unitId in rows.Keys)
        {
            Assert.Equal(("0", "2", "1", "0", "4"), (Column(unitId, "Excellent"), Column(unitId, "Good"), Column(unitId, "Completed"), Column(unitId, "Not completed"), Column(unitId, "Total members")));

            // m4, closed at the deadline, is counted as not submitted at every level up to the board.
            Assert.Equal("1", Column(unitId, "Not submitted"));
        }

        Assert.Equal(("Organization board", "Committee", "Grassroots organization", "Cell"), (Column(Board, "Kind"), Column(Committee, "Kind"), Column(Grassroots, "Kind"), Column(Cell, "Kind")));

        // Last year's shortcomings, added up the tree: m1's two (one fixed, one partly), the cell's own one (not fixed).
        foreach (string unitId in rows.Keys)
        {
            Assert.Equal(("1", "1", "0", "2"), (Column(unitId, "Members' shortcomings from last year: fixed"), Column(unitId, "Members' shortcomings from last year: partly fixed"),
                Column(unitId, "Members' shortcomings from last year: not fixed"), Column(unitId, "Members' shortcomings from last year: total")));
            Assert.Equal(("0", "1"), (Column(unitId, "Organizations' shortcomings from last year: fixed"), Column(unitId, "Organizations' shortcomings from last year: total")));
        }
    }

    /// <summary>The 2024 cycle as the registry keeps it: m1's self-review and the cell's own report named shortcomings.</summary>
    private static async Task LastYearAsync(IServiceProvider services, CancellationToken timeout)
    {
        var plan = new AnnualReview.Workflows.Deadlines.StepPlan("SelfReview", new DateTime(2024, 12, 10, 0, 0, 0, DateTimeKind.Utc), []);
        var lastYear = new AnnualReview.Workflows.Contracts.CycleInput("cycle-2024-hn", 2024, Board, "QD366-2025", "Asia/Ho_Chi_Minh", new AnnualReview.Workflows.Deadlines.CyclePlans(plan, plan, plan, plan));
        await services.GetRequiredService<AnnualReview.Workflows.Storage.CycleRegistry>().AddAsync(lastYear, timeout);
        var submissions = services.GetRequiredService<AnnualReview.Workflows.Storage.SubmissionStore>();
        DateTime at = new(2024, 12, 5, 0, 0, 0, DateTimeKind.Utc);
        await submissions.AddVersionAsync(new AnnualReview.Workflows.Storage.SelfReviewVersion(lastYear.CycleId, "m1", 1, "02B",
            new Dictionary<string, string> { ["A.II"] = "- Báo cáo chậm\n- Ít phát biểu" }, AnnualReview.Assessment.Model.RatingLevel.Good, [], "m1", at), null, timeout);
        await submissions.AddVersionAsync(new AnnualReview.Workflows.Storage.SelfReviewVersion(lastYear.CycleId, "collective|" + Cell, 1, "01",
            new Dictionary<string, string> { ["A.II"] = "- Sinh hoạt chưa đều" }, AnnualReview.Assessment.Model.RatingLevel.Good, [], "secretary", at), null, timeout);
    }

    private static async Task AssertAuditChainAsync(HttpClient auditor, CancellationToken timeout)
    {
        JsonElement history = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit/instances/{CycleId}/history", timeout);
        JsonElement[] events = [.. history.GetProperty("events").EnumerateArray()];
        Assert.Equal("AssessmentCycle", events.First(e => e.GetProperty("type").GetString() == "ExecutionStarted").GetProperty("name").GetString());
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "ExecutionCompleted");
        Assert.True(history.GetProperty("verification").GetProperty("isIntact").GetBoolean());

        JsonElement cell = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit/instances/{CycleId}~{Cell}/history", timeout);
        Assert.True(cell.GetProperty("verification").GetProperty("isIntact").GetBoolean());
    }

    /// <summary>
    /// Delivery is periodic work the test app keeps out of the way, so it is run here (there is no HTTP trigger for
    /// it); the notices are then read over HTTP from each member's own inbox.
    /// </summary>
    private static async Task AssertFinalLevelNoticesAsync(TestApp app, CancellationToken timeout)
    {
        var delivery = app.Services.GetRequiredService<NotificationDelivery>();
        using HttpClient m1 = app.As(AppRoles.Member, Cell, "m1", "en");
        using HttpClient m3 = app.As(AppRoles.Member, Cell, "m3", "en");
        using HttpClient m4 = app.As(AppRoles.Member, Cell, "m4", "en");
        JsonElement m1Notice;
        while (true)
        {
            await delivery.RunAsync(timeout);
            JsonElement inbox = await m1.GetFromJsonAsync<JsonElement>("/api/me/inbox", timeout);
            if (FinalLevel(inbox) is { } found)
            {
                m1Notice = found;
                break;
            }

            await Task.Delay(100, timeout);
        }

        JsonElement? m3Notice = FinalLevel(await m3.GetFromJsonAsync<JsonElement>("/api/me/inbox", timeout));
        Assert.NotNull(m3Notice);
        Assert.Equal("Good", m1Notice.GetProperty("data").GetProperty("level").GetString());
        Assert.Equal(CycleId, m1Notice.GetProperty("cycleId").GetString());
        Assert.Equal("Completed", m3Notice.Value.GetProperty("data").GetProperty("level").GetString());

        // m4 was closed as "not submitted", so has no final level to be told.
        Assert.Null(FinalLevel(await m4.GetFromJsonAsync<JsonElement>("/api/me/inbox", timeout)));
    }

    private static JsonElement? FinalLevel(JsonElement inbox)
        => inbox.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("template").GetString() == "final-level").Select(i => (JsonElement?)i).FirstOrDefault();

    /// <summary>Polls the unit's orchestration status over the management API (an Auditor may read it) until it reaches <paramref name="stage"/>.</summary>
    private static async Task WaitForStageAsync(HttpClient auditor, string unitId, string stage, CancellationToken timeout)
    {
        string path = $"/runtime/webhooks/durabletask/instances/{Uri.EscapeDataString($"{CycleId}~{unitId}")}";
        while (true)
        {
            using HttpResponseMessage response = await auditor.GetAsync(path, timeout);
            if (response.IsSuccessStatusCode)
            {
                JsonElement status = await SmallCity.ReadJsonAsync(response, timeout);
                if (status.TryGetProperty("customStatus", out JsonElement custom) && custom.ValueKind == JsonValueKind.Object
                    && custom.TryGetProperty("stage", out JsonElement at) && at.GetString() == stage)
                {
                    return;
                }
            }

            await Task.Delay(100, timeout);
        }
    }

    /// <summary>The board's roster: one committee, one grassroots organization, one cell of three full members and one probationary.</summary>
    private static string Roster() => JsonSerializer.Serialize(new
    {
        units = new object[]
        {
            new { id = Board, name = "Thành ủy Hà Nội", kind = "OrganizationBoard", parentId = (string?)null, email = "bantochuc@hanoi.example.vn" },
            new { id = Committee, name = "Quận ủy Ba Đình", kind = "Committee", parentId = Board, email = "badinh@hanoi.example.vn" },
            new { id = Grassroots, name = "Đảng bộ phường Điện Biên", kind = "GrassrootsOrganization", parentId = Committee, email = (string?)null },
            new { id = Cell, name = "Chi bộ tổ dân phố 3", kind = "Cell", parentId = Grassroots, email = (string?)null },
        },
        members = new object[]
        {
            new { id = "m1", fullName = "Đỗ Văn Hùng", cellId = Cell, membership = "full", admittedOn = "2008-05-19", email = "m1@hanoi.example.vn" },
            new { id = "m2", fullName = "Bùi Thị Lan", cellId = Cell, membership = "full", admittedOn = "2014-02-03", email = "m2@hanoi.example.vn" },
            new { id = "m3", fullName = "Ngô Văn Minh", cellId = Cell, membership = "probationary", admittedOn = "2025-03-01", email = "m3@hanoi.example.vn" },
            new { id = "m4", fullName = "Đinh Thị Nga", cellId = Cell, membership = "full", admittedOn = "2016-09-02", email = "m4@hanoi.example.vn" },
        },
    });

    /// <summary>
    /// The 2025 cycle with a day per step from 10 December: no reminders or escalations, so the only timers are
    /// each step's due date and close.
    /// </summary>
    private static Dictionary<string, object?> Definition() => new()
    {
        ["year"] = 2025,
        ["rootUnitId"] = Board,
        ["ruleSetId"] = "QD366-2025",
        ["dueDates"] = new Dictionary<string, object?>
        {
            ["selfReview"] = "2025-12-10",
            ["cellMeeting"] = "2025-12-11",
            ["grassrootsDecision"] = "2025-12-12",
            ["committeeDecision"] = "2025-12-13",
            ["boardReport"] = "2025-12-14",
        },
        ["hardStop"] = "2025-12-14",
        ["reminderOffsets"] = Array.Empty<string>(),
        ["escalationLadder"] = Array.Empty<object>(),
    };
}
