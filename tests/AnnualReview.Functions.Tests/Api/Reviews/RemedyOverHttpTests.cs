using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Security;
using AnnualReview.Testing;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Deadlines;
using AnnualReview.Workflows.Storage;
using Microsoft.Extensions.DependencyInjection;
using static AnnualReview.Functions.Tests.Api.Reviews.ReviewWorld;

namespace AnnualReview.Functions.Tests.Api.Reviews;

/// <summary>
/// Two cycles in a row over HTTP: the 2024 review named m01's shortcomings (two of m01's own, one the committee
/// concluded); in the 2025 cycle m01 marks them in A.III, the meeting's points take the share fixed from it, the
/// appraisal shows "2/3" beside the proposal, and the per-unit count adds it up. No one else has a 2024 review.
/// </summary>
[Collection("azurite")]
public sealed class RemedyOverHttpTests(AzuriteFixture azurite)
{
    private const string CellPath = $"/api/cycles/{CycleId}/cells/{Cell}";

    [Fact]
    public async Task SecondCycle_A3Marks_FeedPointsAppraisalAndUnitCounts()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(2));
        await using ReviewWorld world = await StartAsync(azurite, timeout);
        await LastYearAsync(world.App.Services, timeout);
        using HttpClient board = world.As(AppRoles.OrganizationBoard, Board);

        JsonElement before = await board.GetFromJsonAsync<JsonElement>($"/api/cycles/{CycleId}/units/{Grassroots}/remedies", timeout);
        var cell = Counts(before.GetProperty("units")[1]);
        Assert.Equal((Cell, 0, 1), (cell.Unit, cell.Total, cell.Awaiting));
        // The cell's own two are counted once its report marks them, as a member's are once the self-review is in.
        Assert.Equal((0, 0), Own(before.GetProperty("units")[1]));

        foreach (string memberId in CellMembers)
        {
            Dictionary<string, string> sections = Sections();
            if (memberId == "m01")
            {
                sections["A.III"] = "[Đã khắc phục] Báo cáo chậm — nộp đúng hạn cả năm\n[Khắc phục một phần] Ít phát biểu\nCòn phải cố gắng thêm.";
            }

            using HttpClient member = world.As(AppRoles.Member, Cell, memberId);
            using var form = new MultipartFormDataContent { { new StringContent(JsonSerializer.Serialize(sections)), "sections" }, { new StringContent("Good"), "selfRating" } };
            using HttpResponseMessage submitted = await member.PostAsync($"/api/cycles/{CycleId}/members/{memberId}/self-review", form, timeout);
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        }

        Dictionary<string, JsonElement> proposed = await HoldMeetingAsync(world, timeout);
        // (1 fixed + 0.5 partly + 0 for the committee's conclusion left unmarked) / 3: not the 1 typed, so not Excellent.
        Assert.Equal(("Good", 0.5m), (proposed["m01"].GetProperty("proposed").GetString(), proposed["m01"].GetProperty("shortcomingsFixedShare").GetDecimal()));
        Assert.Equal(("Excellent", 1m), (proposed["m02"].GetProperty("proposed").GetString(), proposed["m02"].GetProperty("shortcomingsFixedShare").GetDecimal()));

        await world.WaitForStageAsync(Grassroots, "appraisal", timeout);
        using HttpClient committee = world.As(AppRoles.Committee, Committee);
        JsonElement table = await committee.GetFromJsonAsync<JsonElement>($"/api/cycles/{CycleId}/organizations/{Grassroots}/appraisal", timeout);
        var remedy = table.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("memberId").GetString()!, m => m.GetProperty("remedy"));
        Assert.Equal((1, 1, 1, 3), (remedy["m01"].GetProperty("fixed").GetInt32(), remedy["m01"].GetProperty("partlyFixed").GetInt32(), remedy["m01"].GetProperty("notFixed").GetInt32(), remedy["m01"].GetProperty("total").GetInt32()));
        Assert.Equal(0, remedy["m02"].GetProperty("total").GetInt32());

        JsonElement after = await board.GetFromJsonAsync<JsonElement>($"/api/cycles/{CycleId}/units/{Committee}/remedies", timeout);
        Assert.False(after.GetProperty("firstCycle").GetBoolean());
        Assert.Equal(
            [(Committee, 1, 1, 1, 3, 0), (Grassroots, 1, 1, 1, 3, 0)],
            after.GetProperty("units").EnumerateArray().Select(Counts).Select(x => (x.Unit, x.Fixed, x.Partly, x.Not, x.Total, x.Awaiting)));
        Assert.Equal([(1, 2), (1, 2)], after.GetProperty("units").EnumerateArray().Select(Own));

        // The same table as a file to file with the report: CSV in the reader's language, XLSX; any other format is refused.
        using HttpClient boardEn = world.As(AppRoles.OrganizationBoard, Board, language: "en");
        string csv = await boardEn.GetStringAsync($"/api/cycles/{CycleId}/units/{Committee}/remedies?format=csv", timeout);
        string[] lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("Organizations' shortcomings: fixed", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(",1,1,1,3,33.3,0,1,0,1,2", lines.Single(l => l.StartsWith(Grassroots + ",", StringComparison.Ordinal)), StringComparison.Ordinal);
        using (HttpResponseMessage xlsx = await board.GetAsync($"/api/cycles/{CycleId}/units/{Committee}/remedies?format=xlsx", timeout))
        {
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
            Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync(timeout))[..2]);
        }

        using (HttpResponseMessage pdf = await board.GetAsync($"/api/cycles/{CycleId}/units/{Committee}/remedies?format=pdf", timeout))
        {
            Assert.Equal(HttpStatusCode.BadRequest, pdf.StatusCode);
        }

        using HttpClient outsider = world.As(AppRoles.Committee, OtherCommittee);
        using HttpResponseMessage refused = await outsider.GetAsync($"/api/cycles/{CycleId}/units/{Grassroots}/remedies", timeout);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    /// <summary>The 2024 cycle as the registry, m01's last self-review and the committee's conclusion left it.</summary>
    private static async Task LastYearAsync(IServiceProvider services, CancellationToken timeout)
    {
        var plan = new StepPlan("SelfReview", new DateTime(2024, 12, 15, 0, 0, 0, DateTimeKind.Utc), []);
        var lastYear = new CycleInput("cycle-2024-hcm", 2024, Board, "QD366-2025", "Asia/Ho_Chi_Minh", new CyclePlans(plan, plan, plan, plan));
        await services.GetRequiredService<CycleRegistry>().AddAsync(lastYear, timeout);
        await services.GetRequiredService<SubmissionStore>().AddVersionAsync(new SelfReviewVersion(lastYear.CycleId, "m01", 1, "02B",
            new Dictionary<string, string> { ["A.I"] = "Ưu điểm", ["A.II"] = "- Báo cáo chậm\n- Ít phát biểu" }, RatingLevel.Good, [], "m01", new DateTime(2024, 12, 2, 0, 0, 0, DateTimeKind.Utc)), null, timeout);
        await services.GetRequiredService<ReadModelStore>().WriteRatingAsync(new RatingRecord("m01", 2024, RatingLevel.Good, lastYear.CycleId) { Conclusion = "Chưa gương mẫu; ít phát biểu" }, timeout);
        // The cell's own report of 2024 named two shortcomings of the cell itself.
        await services.GetRequiredService<SubmissionStore>().AddVersionAsync(new SelfReviewVersion(lastYear.CycleId, "collective|" + Cell, 1, "01",
            new Dictionary<string, string> { ["A.I"] = "Hoàn thành nhiệm vụ", ["A.II"] = "- Sinh hoạt chưa đều\n- Chưa sơ kết nghị quyết" }, RatingLevel.Good, [], "secretary", new DateTime(2024, 12, 10, 0, 0, 0, DateTimeKind.Utc)), null, timeout);
    }

    /// <summary>m01 and m02 by the same points, typing a whole share fixed; the others by vote.</summary>
    private static async Task<Dictionary<string, JsonElement>> HoldMeetingAsync(ReviewWorld world, CancellationToken timeout)
    {
        using HttpClient secretary = world.As(AppRoles.CellSecretary, Cell, "m01");
        using (HttpResponseMessage collective = await secretary.PostAsJsonAsync($"{CellPath}/collective-review", new { sections = new Dictionary<string, string>
        {
            ["A.I"] = "Chi bộ hoàn thành tốt nhiệm vụ.",
            ["A.III"] = "[Đã khắc phục] Sinh hoạt chưa đều — họp đủ 12 kỳ\n[Chưa khắc phục] Chưa sơ kết nghị quyết",
        } }, timeout))
        {
            Assert.Equal(HttpStatusCode.Created, collective.StatusCode);
        }

        using (HttpResponseMessage opened = await secretary.PostAsync($"{CellPath}/meeting/open", null, timeout))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        var points = new { groupPoints = new Dictionary<string, decimal> { ["general"] = 29, ["taskResults"] = 68 }, tasksOnTimeShare = 1, tasksExceedingShare = 0.5, shortcomingsFixedShare = 1 };
        using HttpResponseMessage recorded = await secretary.PostAsJsonAsync($"{CellPath}/meeting", new
        {
            fullMembersConvened = 5,
            fullMembersPresent = 5,
            secretBallot = true,
            tallies = new object[]
            {
                new { memberId = "m01", points },
                new { memberId = "m02", points },
                new { memberId = "m03", votes = new Dictionary<string, int> { ["Good"] = 5 } },
                new { memberId = "m04", votes = new Dictionary<string, int> { ["Good"] = 5 } },
                new { memberId = "m05", votes = new Dictionary<string, int> { ["Good"] = 5 } },
                new { memberId = "m06", votes = new Dictionary<string, int> { ["Good"] = 5 } },
            },
        }, timeout);
        Assert.Equal(HttpStatusCode.Accepted, recorded.StatusCode);
        return (await recorded.Content.ReadFromJsonAsync<JsonElement>(timeout)).GetProperty("proposed").EnumerateArray().ToDictionary(p => p.GetProperty("memberId").GetString()!);
    }

    private static (int Fixed, int Total) Own(JsonElement row)
        => (row.GetProperty("organizations").GetProperty("fixed").GetInt32(), row.GetProperty("organizations").GetProperty("total").GetInt32());

    private static (string Unit, int Fixed, int Partly, int Not, int Total, int Awaiting) Counts(JsonElement row) => (
        row.GetProperty("unitId").GetString()!, row.GetProperty("fixed").GetInt32(), row.GetProperty("partlyFixed").GetInt32(),
        row.GetProperty("notFixed").GetInt32(), row.GetProperty("total").GetInt32(), row.GetProperty("awaiting").GetInt32());
}
