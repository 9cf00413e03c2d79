using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Tests.Api.Reviews;
using AnnualReview.Testing;
using static AnnualReview.Functions.Tests.Api.Reviews.ReviewWorld;

namespace AnnualReview.Functions.Tests.Api.Documents;

/// <summary>
/// The paper dossier over the real app: one cell's year is run through the API, and each document downloaded
/// along the way is read back and checked against what was submitted; members and other cells are kept out;
/// the board's ZIP holds every paper of the subtree with hashes that match the files and the audit manifest.
/// </summary>
[Collection("azurite")]
public sealed class DocumentEndpointsTests(AzuriteFixture azurite, ReviewWorldFixture fixture) : IClassFixture<ReviewWorldFixture>
{
    private const string Documents = $"/api/cycles/{CycleId}/documents";
    private const string CellPath = $"/api/cycles/{CycleId}/cells/{Cell}";

    [Fact]
    public async Task Documents_ThroughTheCycle_MatchTheDataAndTheDossierMatchesTheAudit()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(4));
        ReviewWorld world = await fixture.GetAsync(azurite);
        foreach (string memberId in CellMembers)
        {
            using HttpClient member = world.As(AppRoles.Member, Cell, memberId);
            using HttpResponseMessage submitted = await member.PostAsync($"/api/cycles/{CycleId}/members/{memberId}/self-review", SelfReview(memberId == "m01" ? "Excellent" : "Good"), timeout);
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        }

        await SelfReviewAsync(world, timeout);
        using HttpClient secretary = world.As(AppRoles.CellSecretary, Cell, "m01");
        Assert.Equal(HttpStatusCode.Conflict, (await secretary.GetAsync($"{Documents}/cells/{Cell}/meeting-minutes.docx", timeout)).StatusCode);
        await MinutesAsync(world, secretary, timeout);
        await DecisionListAsync(world, timeout);
        await DossierAsync(world, timeout);
    }

    /// <summary>The member's own form, filled in; another member's is refused as the review itself is.</summary>
    private static async Task SelfReviewAsync(ReviewWorld world, CancellationToken timeout)
    {
        using HttpClient m01 = world.As(AppRoles.Member, Cell, "m01");
        using HttpResponseMessage own = await m01.GetAsync($"{Documents}/members/m01/self-review.docx", timeout);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", own.Content.Headers.ContentType?.MediaType);
        DocxText text = DocxText.Read(await own.Content.ReadAsByteArrayAsync(timeout));
        Assert.Equal("Mẫu 02B", text.Paragraphs[0]);
        Assert.Contains("Họ và tên: Đảng viên 01", text.Paragraphs);
        Assert.Contains(Sections()["A.II"], text.Paragraphs);
        Assert.Contains("☒ Hoàn thành xuất sắc nhiệm vụ", text.Paragraphs);
        Assert.Contains("CHI BỘ KHU PHỐ 1", text.Tables[0][0][0], StringComparison.Ordinal);
        Assert.Contains("Thành phố Hồ Chí Minh, ngày 2 tháng 12 năm 2025", text.Tables[0][0][1], StringComparison.Ordinal);
        Assert.Equal(["PAGE", "NUMPAGES"], text.FooterFields);

        Assert.Equal(HttpStatusCode.Forbidden, (await m01.GetAsync($"{Documents}/members/m02/self-review.docx", timeout)).StatusCode);
        using HttpClient otherSecretary = world.As(AppRoles.CellSecretary, OtherCell, "n01");
        Assert.Equal(HttpStatusCode.Forbidden, (await otherSecretary.GetAsync($"{Documents}/members/m02/self-review.docx", timeout)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherSecretary.GetAsync($"{Documents}/cells/{Cell}/collective-report.docx", timeout)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await m01.GetAsync($"{Documents}/cells/{Cell}/collective-report.docx", timeout)).StatusCode);
    }

    /// <summary>What the done-means asks: the secretary prints the meeting's minutes, with the counts as recorded.</summary>
    private static async Task MinutesAsync(ReviewWorld world, HttpClient secretary, CancellationToken timeout)
    {
        using (HttpResponseMessage collective = await secretary.PostAsJsonAsync($"{CellPath}/collective-review",
            new { sections = new Dictionary<string, string> { ["A.I"] = "Chi bộ hoàn thành tốt nhiệm vụ năm 2025." } }, timeout))
        {
            Assert.Equal(HttpStatusCode.Created, collective.StatusCode);
        }

        DocxText report = DocxText.Read(await secretary.GetByteArrayAsync($"{Documents}/cells/{Cell}/collective-report.docx", timeout));
        Assert.Equal("Mẫu 01", report.Paragraphs[0]);
        Assert.Contains("Chi bộ hoàn thành tốt nhiệm vụ năm 2025.", report.Paragraphs);

        using (HttpResponseMessage opened = await secretary.PostAsync($"{CellPath}/meeting/open", null, timeout))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        using (HttpResponseMessage recorded = await secretary.PostAsJsonAsync($"{CellPath}/meeting", Meeting(), timeout))
        {
            Assert.Equal(HttpStatusCode.Accepted, recorded.StatusCode);
        }

        byte[] minutes = [];
        await WaitUntilAsync(async () =>
        {
            using HttpResponseMessage response = await secretary.GetAsync($"{Documents}/cells/{Cell}/meeting-minutes.docx", timeout);
            minutes = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsByteArrayAsync(timeout) : [];
            return minutes.Length > 0;
        }, timeout);
        DocxText text = DocxText.Read(minutes);
        Assert.Contains("Số đảng viên chính thức được triệu tập: 5", text.Paragraphs);
        Assert.Contains("Số đảng viên chính thức có mặt: 4", text.Paragraphs);
        List<string[]> tallies = text.TableStartingWith("TT", "Họ và tên", "Tự xếp loại", "HTXSNV", "HTTNV", "HTNV", "KHTNV");
        Assert.Equal(["1", "Đảng viên 01", "HTXSNV", "4", "0", "0", "0", "4", "HTXSNV"], tallies[1]);
        Assert.Equal(["3", "Đảng viên 03", "HTTNV", "0", "1", "3", "0", "4", "HTNV"], tallies[3]);
        Assert.Equal(7, tallies.Count);
        Assert.Contains("Người ghi biên bản vào hệ thống: Đảng viên 01.", text.Paragraphs);
        Assert.Contains(text.Paragraphs, p => p.StartsWith("Thời gian: ", StringComparison.Ordinal) && p.Contains("tháng 12 năm 2025", StringComparison.Ordinal));

        Rendering printed = await LibreOffice.RenderAsync(minutes, "api-meeting-minutes", timeout);
        Assert.Equal(1, printed.Pages);
    }

    private static async Task DecisionListAsync(ReviewWorld world, CancellationToken timeout)
    {
        await world.WaitForStageAsync(Grassroots, "appraisal", timeout);
        using HttpClient committee = world.As(AppRoles.Committee, Committee);
        using HttpResponseMessage accepted = await committee.PostAsJsonAsync($"/api/cycles/{CycleId}/organizations/{Grassroots}/appraisal", new
        {
            decisions = new[] { new { memberId = "m03", level = "Good", reason = "Đã khắc phục xong sau góp ý của chi bộ" } },
            cellLevels = new Dictionary<string, string> { [Cell] = "Good" },
            finalize = true,
        }, timeout);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await world.WaitForStageAsync(Grassroots, "decided", timeout);

        DocxText text = DocxText.Read(await committee.GetByteArrayAsync($"{Documents}/organizations/{Grassroots}/decision-list.docx", timeout));
        Assert.Contains("(Kèm theo quyết định của cấp ủy có thẩm quyền)", text.Paragraphs);
        List<string[]> rows = text.TableStartingWith("TT", "Họ và tên", "Chi bộ", "Tự xếp loại", "Chi bộ đề xuất", "Quyết định");
        Assert.Equal(["3", "Đảng viên 03", "Chi bộ khu phố 1", "HTTNV", "HTNV", "HTTNV", "Đã khắc phục xong sau góp ý của chi bộ"], rows[3]);
        Assert.Equal("HTXSNV", rows[1][5]);

        using HttpClient auditor = world.As(AppRoles.Auditor, Board);
        DocxText report = DocxText.Read(await auditor.GetByteArrayAsync($"{Documents}/units/{Grassroots}/report.docx", timeout));
        Assert.Equal("Mẫu 04", report.Paragraphs[0]);
        Assert.Equal("Chi bộ khu phố 1", report.TableStartingWith("TT", "Đơn vị", "Số đảng viên")[1][1]);
        Assert.Equal("6", report.TableStartingWith("TT", "Đơn vị", "Số đảng viên")[1][2]);
    }

    /// <summary>The board's ZIP: each file's hash in manifest.json, and the audit entries of the same instances as the audit manifest gives them.</summary>
    private static async Task DossierAsync(ReviewWorld world, CancellationToken timeout)
    {
        using HttpClient committee = world.As(AppRoles.Committee, Committee);
        Assert.Equal(HttpStatusCode.Forbidden, (await committee.GetAsync($"{Documents}/units/{Committee}/dossier.zip", timeout)).StatusCode);

        using HttpClient board = world.As(AppRoles.OrganizationBoard, Board);
        byte[] zipBytes = await board.GetByteArrayAsync($"{Documents}/units/{Committee}/dossier.zip", timeout);
        JsonElement audit = await board.GetFromJsonAsync<JsonElement>($"/api/audit/cycles/{CycleId}/manifest", timeout);

        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        using JsonDocument manifest = JsonDocument.Parse(Read(zip.GetEntry("manifest.json")!));
        JsonElement[] files = [.. manifest.RootElement.GetProperty("files").EnumerateArray()];
        Assert.Equal(zip.Entries.Count - 1, files.Length);
        foreach (JsonElement file in files)
        {
            byte[] content = Read(zip.GetEntry(file.GetProperty("path").GetString()!)!);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), file.GetProperty("sha256").GetString());
        }

        string[] paths = [.. files.Select(f => f.GetProperty("path").GetString()!)];
        Assert.Contains($"cells/{Cell}/meeting-minutes.docx", paths);
        Assert.Contains($"units/{Grassroots}/decision-list.docx", paths);
        Assert.Contains($"units/{Committee}/report-04.docx", paths);
        Assert.Equal(6, paths.Count(p => p.StartsWith($"cells/{Cell}/members/", StringComparison.Ordinal)));
        Assert.DoesNotContain(paths, p => p.Contains(OtherCell, StringComparison.Ordinal));

        // The same instances' entries as the audit manifest; an instance that moved on between the two reads has more events
        // there, and one the sealer reached between them has more sealed events and a newer head.
        var audited = audit.GetProperty("instances").EnumerateArray().ToDictionary(e => e.GetProperty("instanceId").GetString()!);
        JsonElement[] carried = [.. manifest.RootElement.GetProperty("audit").GetProperty("instances").EnumerateArray()];
        Assert.Contains(carried, e => e.GetProperty("instanceId").GetString() == $"{CycleId}~{Cell}");
        Assert.DoesNotContain(carried, e => e.GetProperty("instanceId").GetString()!.Contains(OtherCommittee, StringComparison.Ordinal));
        int same = 0;
        foreach (JsonElement entry in carried)
        {
            JsonElement other = audited[entry.GetProperty("instanceId").GetString()!];
            if (entry.GetProperty("events").GetInt32() == other.GetProperty("events").GetInt32()
                && entry.GetProperty("verification").GetProperty("sealedCount").GetInt32() == other.GetProperty("verification").GetProperty("sealedCount").GetInt32())
            {
                Assert.Equal(other.GetProperty("sha256").GetString(), entry.GetProperty("sha256").GetString());
                Assert.Equal(other.GetProperty("verification").GetProperty("head").GetString(), entry.GetProperty("verification").GetProperty("head").GetString());
                same++;
            }
        }

        Assert.True(same >= carried.Length / 2, $"Only {same} of {carried.Length} instances could be compared.");
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using Stream stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Five full members convened, four present (the probationary member does not vote).</summary>
    private static object Meeting() => new
    {
        fullMembersConvened = 5,
        fullMembersPresent = 4,
        secretBallot = true,
        tallies = new object[]
        {
            new { memberId = "m01", votes = new Dictionary<string, int> { ["Excellent"] = 4 } },
            new { memberId = "m02", votes = new Dictionary<string, int> { ["Good"] = 4 } },
            new { memberId = "m03", votes = new Dictionary<string, int> { ["Good"] = 1, ["Completed"] = 3 } },
            new { memberId = "m04", votes = new Dictionary<string, int> { ["Good"] = 4 } },
            new { memberId = "m05", votes = new Dictionary<string, int> { ["Good"] = 4 } },
            new { memberId = "m06", votes = new Dictionary<string, int> { ["Good"] = 4 } },
        },
    };
}
