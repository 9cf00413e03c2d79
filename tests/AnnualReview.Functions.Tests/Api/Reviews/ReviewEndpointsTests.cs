using AnnualReview.Workflows.Commands;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Shortcomings;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Deadlines;
using AnnualReview.Testing;
using Microsoft.Extensions.DependencyInjection;
using static AnnualReview.Functions.Tests.Api.Reviews.ReviewWorld;
using static AnnualReview.Functions.Tests.Api.Reviews.SelfReviewEndpointsTests;

namespace AnnualReview.Functions.Tests.Api.Reviews;

/// <summary>
/// One cell's year through the API as the people do it: self-reviews, the collective review, the meeting (refused
/// with every error, then recorded), the appraisal refused for the quota with its guidance and then fixed,
/// the organization ratings, recognition, and a re-rating that takes the award away.
/// </summary>
[Collection("azurite")]
public sealed class ReviewEndpointsTests(AzuriteFixture azurite, ReviewWorldFixture fixture) : IClassFixture<ReviewWorldFixture>
{
    private const string CellPath = $"/api/cycles/{CycleId}/cells/{Cell}";
    private const string AppraisalPath = $"/api/cycles/{CycleId}/organizations/{Grassroots}/appraisal";

    [Fact]
    public async Task Cycle_ThroughTheApi_FromSelfReviewToReRating()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(2));
        ReviewWorld world = await fixture.GetAsync(azurite);
        foreach (string memberId in CellMembers)
        {
            using HttpClient member = world.As(AppRoles.Member, Cell, memberId);
            using HttpResponseMessage submitted = await member.PostAsync($"/api/cycles/{CycleId}/members/{memberId}/self-review", SelfReview(), timeout);
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        }

        using HttpClient secretary = world.As(AppRoles.CellSecretary, Cell, "m01", "en");

        // The meeting discusses the collective review (form 01) first, so it cannot be recorded before it.
        using (HttpResponseMessage early = await secretary.PostAsJsonAsync($"{CellPath}/meeting", ValidMeeting(), timeout))
        {
            await AssertProblemAsync(early, HttpStatusCode.Conflict, "conflict", "collectiveReview");
        }

        using (HttpResponseMessage collective = await secretary.PostAsJsonAsync($"{CellPath}/collective-review",
            new { sections = new Dictionary<string, string> { ["A.I"] = "Chi bộ hoàn thành tốt nhiệm vụ năm 2025." } }, timeout))
        {
            Assert.Equal(HttpStatusCode.Created, collective.StatusCode);
        }

        // Opening the meeting closes resubmission.
        using (HttpResponseMessage opened = await secretary.PostAsync($"{CellPath}/meeting/open", null, timeout))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            Assert.True((await opened.Content.ReadFromJsonAsync<JsonElement>(timeout)).GetProperty("meetingOpen").GetBoolean());
        }

        using (HttpClient m01 = world.As(AppRoles.Member, Cell, "m01"))
        using (HttpResponseMessage late = await m01.PostAsync($"/api/cycles/{CycleId}/members/m01/self-review", SelfReview("Excellent"), timeout))
        {
            await AssertProblemAsync(late, HttpStatusCode.Conflict, "step-closed", "memberId");
        }

        await RecordMeetingAsync(world, secretary, timeout);
        await AppraiseAsync(world, timeout);
        await RateOrganizationsAsync(world, timeout);
        await RecognizeAndReRateAsync(world, timeout);
    }

    /// <summary>Five full members and one probationary: counting six, or more votes than voters, is refused with every field named.</summary>
    private static async Task RecordMeetingAsync(ReviewWorld world, HttpClient secretary, CancellationToken timeout)
    {
        var wrong = new
        {
            fullMembersConvened = 6,
            fullMembersPresent = 5,
            secretBallot = false,
            tallies = new object[]
            {
                new { memberId = "m01", votes = new Dictionary<string, int> { ["Excellent"] = 6 } },
                new { memberId = "n01", votes = new Dictionary<string, int> { ["Good"] = 3 } },
                new { memberId = "m02", votes = new Dictionary<string, int> { ["Superb"] = 1 } },
            },
        };
        using (HttpResponseMessage refused = await secretary.PostAsJsonAsync($"{CellPath}/meeting", wrong, timeout))
        {
            // Convening more than the cell can is the rule broken (422), named first; every other error is still listed.
            JsonElement problem = await AssertProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "convened-exceeds-members", "fullMembersConvened");
            var fields = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("field").GetString(), e.GetProperty("code").GetString())).ToList();
            Assert.Contains(("fullMembersConvened", "ConvenedExceedsRoster"), fields);
            Assert.Contains(("tallies[0]", "VotesExceedPresent"), fields);
            Assert.Contains(("tallies[1].memberId", "MemberNotInCell"), fields);
            Assert.Contains(("tallies[2].votes.Superb", "InvalidLevel"), fields);
            Assert.Contains(("secretBallot", "SecretBallotRequired"), fields);
            Assert.Equal("More members convened than the cell's full members in activity", problem.GetProperty("title").GetString());
            Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("message").GetString()!.StartsWith("Full members convened (6) exceed", StringComparison.Ordinal));
        }

        using HttpResponseMessage recorded = await secretary.PostAsJsonAsync($"{CellPath}/meeting", ValidMeeting(), timeout);
        Assert.Equal(HttpStatusCode.Accepted, recorded.StatusCode);
        var proposed = (await recorded.Content.ReadFromJsonAsync<JsonElement>(timeout)).GetProperty("proposed").EnumerateArray()
            .ToDictionary(p => p.GetProperty("memberId").GetString()!, p => p.GetProperty("proposed").GetString());
        Assert.Equal("Excellent", proposed["m01"]);
        Assert.Equal("Excellent", proposed["m02"]);
        Assert.Equal("Good", proposed["m06"]);
        Assert.Equal(4, proposed.Values.Count(v => v == "Good"));
    }

    /// <summary>Two Excellent against four Good breaks the 20% quota: refused with "move 1 of the 2", then fixed.</summary>
    private static async Task AppraiseAsync(ReviewWorld world, CancellationToken timeout)
    {
        await world.WaitForStageAsync(Grassroots, "appraisal", timeout);
        using HttpClient committee = world.As(AppRoles.Committee, Committee, null, "en");
        using HttpClient committeeVi = world.As(AppRoles.Committee, Committee);

        JsonElement table = await committee.GetFromJsonAsync<JsonElement>(AppraisalPath, timeout);
        Assert.Equal(6, table.GetProperty("members").GetArrayLength());
        JsonElement group = table.GetProperty("quota")[0];
        Assert.False(group.GetProperty("within").GetBoolean());
        Assert.Equal("Move 1 of the 2 Excellent to Good", group.GetProperty("guidance").GetString());
        Assert.Equal((2, 1), (group.GetProperty("excellent").GetInt32(), group.GetProperty("moveToGood").GetInt32()));

        using (HttpResponseMessage refused = await committee.PostAsJsonAsync(AppraisalPath, new { finalize = true }, timeout))
        {
            JsonElement problem = await AssertProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "quota-exceeded", "decisions");
            Assert.Contains("Move 1 of the 2 Excellent to Good", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal("The Excellent quota is exceeded", problem.GetProperty("title").GetString());
            JsonElement broken = Assert.Single(problem.GetProperty("quota").EnumerateArray());
            Assert.Equal((1, 2), (broken.GetProperty("moveToGood").GetInt32(), broken.GetProperty("excellent").GetInt32()));
        }

        using (HttpResponseMessage refusedVi = await committeeVi.PostAsJsonAsync(AppraisalPath, new { finalize = true }, timeout))
        {
            JsonElement problem = await AssertProblemAsync(refusedVi, HttpStatusCode.UnprocessableEntity, "quota-exceeded", "decisions");
            Assert.Contains("Chuyển 1 trong 2 đảng viên Hoàn thành xuất sắc sang Hoàn thành tốt", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal("Vượt tỷ lệ Hoàn thành xuất sắc nhiệm vụ", problem.GetProperty("title").GetString());
        }

        using (HttpResponseMessage noReason = await committee.PostAsJsonAsync(AppraisalPath,
            new { decisions = new[] { new { memberId = "m02", level = "Good" } }, finalize = true }, timeout))
        {
            await AssertProblemAsync(noReason, HttpStatusCode.BadRequest, "validation", "decisions[0].reason");
        }

        // A conclusion on a cell is kept with its level, so it needs one; and only for a cell of this organization.
        using (HttpResponseMessage noLevel = await committee.PostAsJsonAsync(AppraisalPath,
            new { cellConclusions = new Dictionary<string, string> { [Cell] = "Sinh hoạt chưa đều" } }, timeout))
        {
            await AssertProblemAsync(noLevel, HttpStatusCode.BadRequest, "validation", $"cellConclusions.{Cell}");
        }

        using (HttpResponseMessage otherCell = await committee.PostAsJsonAsync(AppraisalPath, new
        {
            cellLevels = new Dictionary<string, string> { [Cell] = "Good" },
            cellConclusions = new Dictionary<string, string> { [OtherCell] = "Sinh hoạt chưa đều" },
        }, timeout))
        {
            await AssertProblemAsync(otherCell, HttpStatusCode.BadRequest, "validation", $"cellConclusions.{OtherCell}");
        }

        using HttpResponseMessage accepted = await committee.PostAsJsonAsync(AppraisalPath, new
        {
            decisions = new[] { new { memberId = "m02", level = "Good", reason = "Chưa có sáng kiến nổi bật trong năm" } },
            cellLevels = new Dictionary<string, string> { [Cell] = "Good" },
            cellConclusions = new Dictionary<string, string> { [Cell] = "Sinh hoạt chuyên đề chưa đều" },
            finalize = true,
        }, timeout);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.True((await accepted.Content.ReadFromJsonAsync<JsonElement>(timeout)).GetProperty("finalized").GetBoolean());

        await world.WaitForStageAsync(Grassroots, "decided", timeout);
        JsonElement decided = await committee.GetFromJsonAsync<JsonElement>(AppraisalPath, timeout);
        var decisions = decided.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("memberId").GetString()!, m => m);
        Assert.Equal("Excellent", decisions["m02"].GetProperty("proposed").GetString());
        Assert.Equal("Good", decisions["m02"].GetProperty("decision").GetString());
        Assert.Equal("Excellent", decisions["m01"].GetProperty("decision").GetString());
        Assert.True(decided.GetProperty("quota")[0].GetProperty("within").GetBoolean());

        // The year's rating keeps the committee's conclusion, which next year's A.III carries as a shortcoming.
        var ratings = world.App.Services.GetRequiredService<AnnualReview.Workflows.Storage.ReadModelStore>();
        Assert.Equal("Chưa có sáng kiến nổi bật trong năm", (await ratings.ReadRatingsAsync("m02", timeout)).Single(r => r.Year == 2025).Conclusion);
        Assert.Null((await ratings.ReadRatingsAsync("m01", timeout)).Single(r => r.Year == 2025).Conclusion);

        // The cell's own rating keeps the conclusion on it, and next year's report (Mẫu 01, A.III) carries it after the cell's own A.II.
        RatingRecord cellRating = (await ratings.ReadRatingsAsync(CollectiveReview.Id(Cell), timeout)).Single(r => r.Year == 2025);
        Assert.Equal((RatingLevel.Good, "Sinh hoạt chuyên đề chưa đều"), (cellRating.Level, cellRating.Conclusion));
        CycleInput nextYear = new(CycleId + "-next", 2026, Board, "QD366-2025", "Asia/Ho_Chi_Minh",
            new CyclePlans(Plan(), Plan(), Plan(), Plan()));
        CarriedShortcomingList carried = await world.App.Services.GetRequiredService<CarriedShortcomings>().ForAsync(nextYear, CarriedShortcomings.CollectiveId(Cell), timeout);
        Assert.Equal(CycleId, carried.FromCycleId);
        Assert.Equal(("Sinh hoạt chuyên đề chưa đều", ShortcomingSource.SuperiorConclusion), (carried.Items[^1].Text, carried.Items[^1].Source));
    }

    private static StepPlan Plan() => new("SelfReview", new DateTime(2026, 12, 15, 0, 0, 0, DateTimeKind.Utc), []);

    private static async Task RateOrganizationsAsync(ReviewWorld world, CancellationToken timeout)
    {
        await world.WaitForStageAsync(Committee, "rating-organizations", timeout);
        using HttpClient committee = world.As(AppRoles.Committee, Committee);
        string path = $"/api/cycles/{CycleId}/committees/{Committee}/organization-ratings";

        using (HttpResponseMessage outside = await committee.PostAsJsonAsync(path, new { levels = new Dictionary<string, string> { [OtherGrassroots] = "Good" } }, timeout))
        {
            await AssertProblemAsync(outside, HttpStatusCode.BadRequest, "validation", $"levels.{OtherGrassroots}");
        }

        using HttpResponseMessage rated = await committee.PostAsJsonAsync(path, new { levels = new Dictionary<string, string> { [Grassroots] = "Good" } }, timeout);
        Assert.Equal(HttpStatusCode.Accepted, rated.StatusCode);
        await world.WaitForStageAsync(Committee, "decided", timeout);
    }

    private static async Task RecognizeAndReRateAsync(ReviewWorld world, CancellationToken timeout)
    {
        using HttpClient committee = world.As(AppRoles.Committee, Committee, null, "en");
        string path = $"/api/cycles/{CycleId}/units/{Grassroots}/recognition";
        JsonElement before = await committee.GetFromJsonAsync<JsonElement>(path, timeout);
        var rows = before.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("memberId").GetString()!, m => m);
        Assert.Equal(6, rows.Count);
        Assert.Equal("Excellent", rows["m01"].GetProperty("level").GetString());
        Assert.Contains("YearCertificate:2025-2025", rows["m01"].GetProperty("awards").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(0, rows["m02"].GetProperty("awards").GetArrayLength());

        using (HttpResponseMessage noReference = await committee.PostAsJsonAsync("/api/members/m01/re-rating",
            new { year = 2025, newLevel = "NotCompleted", reason = "Kỷ luật khiển trách do vi phạm năm 2025" }, timeout))
        {
            await AssertProblemAsync(noReference, HttpStatusCode.BadRequest, "validation", "decisionReference");
        }

        using HttpResponseMessage started = await committee.PostAsJsonAsync("/api/members/m01/re-rating",
            new { year = 2025, newLevel = "NotCompleted", reason = "Kỷ luật khiển trách do vi phạm năm 2025", decisionReference = "15-QĐ/TU" }, timeout);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        string instanceId = (await started.Content.ReadFromJsonAsync<JsonElement>(timeout)).GetProperty("instanceId").GetString()!;
        Assert.Equal("rerate~m01~2025~15-QĐ_TU", instanceId);
        OrchestrationMetadata done = await world.App.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(instanceId, false, timeout);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);

        JsonElement after = await committee.GetFromJsonAsync<JsonElement>(path, timeout);
        JsonElement m01 = after.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("memberId").GetString() == "m01");
        Assert.Equal("NotCompleted", m01.GetProperty("level").GetString());
        Assert.Equal(0, m01.GetProperty("awards").GetArrayLength());
        Assert.Equal(JsonValueKind.Object, m01.GetProperty("followUp").ValueKind);

        // Mẫu 03 as the committee prints it: the reference as written, the cancelled level, the new one, the award revoked.
        string decision = "/api/documents/members/m01/re-ratings/2025/15-QĐ_TU.docx";
        DocxText text = DocxText.Read(await committee.GetByteArrayAsync(decision, timeout));
        Assert.Equal("Mẫu 03", text.Paragraphs[0]);
        Assert.Contains("Số 15-QĐ/TU", text.Tables[0][0][0], StringComparison.Ordinal);
        Assert.Contains(text.Paragraphs, p => p.StartsWith("Điều 1.", StringComparison.Ordinal) && p.EndsWith("Hoàn thành xuất sắc nhiệm vụ.", StringComparison.Ordinal));
        Assert.Contains(text.Paragraphs, p => p.StartsWith("Điều 2.", StringComparison.Ordinal) && p.EndsWith("Không hoàn thành nhiệm vụ.", StringComparison.Ordinal));
        Assert.Contains(text.Paragraphs, p => p.StartsWith("Điều 3. Thu hồi", StringComparison.Ordinal));
        Assert.Contains("Xét lý do: Kỷ luật khiển trách do vi phạm năm 2025", text.Paragraphs);
        Assert.Empty(text.SchemaErrors);

        using HttpClient m01Self = world.As(AppRoles.Member, Cell, "m01");
        Assert.Equal(HttpStatusCode.OK, (await m01Self.GetAsync(decision, timeout)).StatusCode);
        using HttpClient m02 = world.As(AppRoles.Member, Cell, "m02");
        Assert.Equal(HttpStatusCode.Forbidden, (await m02.GetAsync(decision, timeout)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await committee.GetAsync("/api/documents/members/m01/re-ratings/2025/16-QĐ_TU.docx", timeout)).StatusCode);

        // The year's dossier carries the decision beside the member's self-review, hashed like every other file.
        using HttpClient board = world.As(AppRoles.OrganizationBoard, Board);
        byte[] zipBytes = await board.GetByteArrayAsync($"/api/cycles/{CycleId}/documents/units/{Committee}/dossier.zip", timeout);
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        string entry = $"cells/{Cell}/members/m01-re-rating-2025-15-QĐ_TU-03.docx";
        using var content = new MemoryStream();
        using (Stream opened = zip.GetEntry(entry)!.Open())
        {
            await opened.CopyToAsync(content, timeout);
        }

        Assert.Contains("Số 15-QĐ/TU", DocxText.Read(content.ToArray()).Tables[0][0][0], StringComparison.Ordinal);
        using var manifestStream = new MemoryStream();
        using (Stream opened = zip.GetEntry("manifest.json")!.Open())
        {
            await opened.CopyToAsync(manifestStream, timeout);
        }

        using JsonDocument manifest = JsonDocument.Parse(manifestStream.ToArray());
        JsonElement listed = manifest.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == entry);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content.ToArray())), listed.GetProperty("sha256").GetString());
        Assert.Single(manifest.RootElement.GetProperty("files").EnumerateArray(), f => f.GetProperty("path").GetString()!.Contains("re-rating", StringComparison.Ordinal));
    }

    /// <summary>m01 and m02 Excellent (5 and 4 of 5), the rest Good; the probationary m06 is voted on but does not vote.</summary>
    private static object ValidMeeting() => new
    {
        fullMembersConvened = 5,
        fullMembersPresent = 5,
        secretBallot = true,
        tallies = new object[]
        {
            new { memberId = "m01", votes = new Dictionary<string, int> { ["Excellent"] = 5 } },
            new { memberId = "m02", votes = new Dictionary<string, int> { ["Excellent"] = 4, ["Good"] = 1 } },
            new { memberId = "m03", votes = new Dictionary<string, int> { ["Good"] = 4, ["Completed"] = 1 } },
            new { memberId = "m04", votes = new Dictionary<string, int> { ["Good"] = 4, ["Completed"] = 1 } },
            new { memberId = "m05", votes = new Dictionary<string, int> { ["Good"] = 5 } },
            new { memberId = "m06", votes = new Dictionary<string, int> { ["excellent"] = 1, ["good"] = 4 } },
        },
    };
}
