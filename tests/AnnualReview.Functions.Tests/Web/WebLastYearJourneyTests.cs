using AnnualReview.Assessment.Model;
using AnnualReview.Testing;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Deadlines;
using AnnualReview.Workflows.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static AnnualReview.Functions.Tests.Web.WebTestHost;

namespace AnnualReview.Functions.Tests.Web;

/// <summary>
/// What issue "last year's shortcomings, members far away, the paper dossier" means when it is done: a member far
/// away fills in the form offline on a phone with last year's shortcomings in it; the cell marks its own; the
/// secretary prints the meeting minutes from the system.
/// </summary>
[Collection("azurite")]
public sealed class WebLastYearJourneyTests(AzuriteFixture azurite)
{
    private const string FarAway = "m03";

    [Fact]
    public async Task FarAwayMember_MarksLastYearsShortcomingsOffline_CellMarksItsOwn_SecretaryPrintsTheMinutes()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(4));
        await using WebTestHost host = await StartAsync(azurite, timeout);
        await LastYearAsync(host.App.Services, timeout);
        await host.StartCycleAsync(timeout);

        // The member far away, on a phone: last year's two shortcomings are in A.III, one line each.
        IPage phone = await host.SignInAsync("Member:" + FarAway, new ViewportSize { Width = 390, Height = 844 });
        string review = host.Url("/web/review");
        await ReloadUntilAsync(phone, review, async () => await phone.Locator("#review-form").CountAsync() == 1, timeout);
        Assert.Equal(["Chưa tham gia đủ sinh hoạt", "Chậm đóng đảng phí"], await phone.Locator("ol.carried li span").AllInnerTextsAsync());
        await phone.EvaluateAsync("() => navigator.serviceWorker.ready");
        await phone.ReloadAsync();

        // No connection at the work site: she marks them, writes, submits; it waits on the device.
        await phone.Context.SetOfflineAsync(true);
        await phone.SelectOptionAsync("select[name='carried[0].state']", "Fixed");
        await phone.FillAsync("input[name='carried[0].evidence']", "Dự đủ 12 kỳ sinh hoạt trực tuyến");
        await phone.SelectOptionAsync("select[name='carried[1].state']", "PartlyFixed");
        ILocator sections = phone.Locator("#review-form textarea");
        for (int i = 0; i < await sections.CountAsync(); i++)
        {
            await sections.Nth(i).FillAsync($"Viết ở công trường, phần {i + 1}.");
        }

        await phone.CheckAsync("#level-Good");
        await phone.ClickAsync("#submit-review");
        Assert.Equal("waiting", await phone.GetAttributeAsync("#offline-status", "data-state"));
        await ShotAsync(phone, "80-phone-offline-with-last-years-shortcomings");

        // Back online: sent once, with the marks in A.III.
        await phone.Context.SetOfflineAsync(false);
        await phone.EvaluateAsync("() => window.dispatchEvent(new Event('online'))");
        await phone.WaitForURLAsync(url => url.Contains("submitted=", StringComparison.Ordinal), new() { Timeout = 30_000 });
        SubmissionStore submissions = host.App.Services.GetRequiredService<SubmissionStore>();
        string remedy = Assert.Single(await submissions.VersionsAsync(CycleId, FarAway, timeout)).Sections["A.III"];
        Assert.Contains("[Đã khắc phục] Chưa tham gia đủ sinh hoạt — Dự đủ 12 kỳ sinh hoạt trực tuyến", remedy, StringComparison.Ordinal);
        Assert.Contains("[Khắc phục một phần] Chậm đóng đảng phí", remedy, StringComparison.Ordinal);
        foreach (string id in new[] { "m01", "m02", "m04", "m05", "m06", "m07" })
        {
            await host.SubmitDirectlyAsync(id, RatingLevel.Good, timeout);
        }

        // The secretary: the cell's own shortcoming from last year's report is in its A.III, marked before the meeting.
        IPage secretary = await host.SignInAsync("CellSecretary:" + Cell);
        string meeting = host.Url($"/web/meeting?cycle={CycleId}&cell={Cell}");
        await secretary.GotoAsync(meeting);
        Assert.Equal(["Sinh hoạt chưa đều"], await secretary.Locator("#collective-form ol.carried li span").AllInnerTextsAsync());
        await secretary.SelectOptionAsync("#collective-form select[name='carried[0].state']", "Fixed");
        await secretary.FillAsync("#collective-form input[name='carried[0].evidence']", "Họp đủ 12 kỳ");
        await secretary.Locator("#collective-form textarea").First.FillAsync("Chi bộ hoàn thành tốt nhiệm vụ năm 2026.");
        await secretary.ClickAsync("#submit-collective");
        await secretary.Locator("#collective-saved").WaitForAsync(new() { Timeout = 15_000 });
        Assert.Contains("[Đã khắc phục] Sinh hoạt chưa đều — Họp đủ 12 kỳ", Assert.Single(await submissions.VersionsAsync(CycleId, "collective|" + Cell, timeout)).Sections["A.III"], StringComparison.Ordinal);
        await ShotAsync(secretary, "81-desktop-secretary-cell-marks-its-own");

        await ReloadUntilAsync(secretary, meeting, async () => await secretary.GetAttributeAsync("#cell-stage", "data-stage") == "meeting", timeout);
        await secretary.FillAsync("#present", "7");
        for (int i = 1; i <= 7; i++)
        {
            await secretary.FillAsync($"#t-m{i:D2}-Good", "6");
            await secretary.FillAsync($"#t-m{i:D2}-Completed", "1");
        }

        await secretary.ClickAsync("#record-meeting");
        await secretary.Locator("#recorded").WaitForAsync(new() { Timeout = 15_000 });
        await ReloadUntilAsync(secretary, meeting, async () => await secretary.InnerTextAsync("#proposed-count") == "7", timeout);

        // The minutes, printed from the system: filled in with the meeting's figures, one page when rendered.
        IDownload download = await secretary.RunAndWaitForDownloadAsync(() => secretary.ClickAsync("#doc-meeting-minutes"));
        byte[] minutes = await File.ReadAllBytesAsync((await download.PathAsync())!, timeout);
        DocxText text = DocxText.Read(minutes);
        Assert.Contains("Số đảng viên chính thức có mặt: 7", text.Paragraphs);
        Assert.Empty(text.SchemaErrors);
        Rendering printed = await LibreOffice.RenderAsync(minutes, "web-meeting-minutes", timeout);
        Assert.Equal(1, printed.Pages);
    }

    /// <summary>The 2025 cycle as the registry keeps it, with m03's self-review and the cell's own report of that year.</summary>
    private static async Task LastYearAsync(IServiceProvider services, CancellationToken timeout)
    {
        var plan = new StepPlan("SelfReview", new DateTime(2025, 12, 10, 0, 0, 0, DateTimeKind.Utc), []);
        var lastYear = new CycleInput("cycle-2025-hcm", 2025, Board, RuleSetId, "Asia/Ho_Chi_Minh", new CyclePlans(plan, plan, plan, plan));
        await services.GetRequiredService<CycleRegistry>().AddAsync(lastYear, timeout);
        SubmissionStore submissions = services.GetRequiredService<SubmissionStore>();
        DateTime at = new(2025, 12, 5, 0, 0, 0, DateTimeKind.Utc);
        await submissions.AddVersionAsync(new SelfReviewVersion(lastYear.CycleId, FarAway, 1, "02B",
            new Dictionary<string, string> { ["A.I"] = "Hoàn thành nhiệm vụ", ["A.II"] = "- Chưa tham gia đủ sinh hoạt\n- Chậm đóng đảng phí" }, RatingLevel.Good, [], FarAway, at), null, timeout);
        await submissions.AddVersionAsync(new SelfReviewVersion(lastYear.CycleId, "collective|" + Cell, 1, "01",
            new Dictionary<string, string> { ["A.I"] = "Hoàn thành nhiệm vụ", ["A.II"] = "- Sinh hoạt chưa đều" }, RatingLevel.Good, [], "secretary", at), null, timeout);
    }
}
