using AnnualReview.Assessment.Cycle;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;
using AnnualReview.Testing;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static AnnualReview.Functions.Tests.Web.WebTestHost;

namespace AnnualReview.Functions.Tests.Web;

/// <summary>
/// The web self-review goes through the rules the API applies, in the same code: a file that only calls itself a
/// PDF, a member who is not reviewed this year and a cell whose step has ended are refused on the page, with the
/// reason shown and what was typed kept, and nothing is stored.
/// </summary>
[Collection("azurite")]
public sealed class WebOnePathTests(AzuriteFixture azurite)
{
    private const string Exempt = "m10";

    private static async Task<WebTestHost> StartCycleAsync(AzuriteFixture azurite, CancellationToken timeout)
    {
        WebTestHost host = await StartAsync(azurite, timeout);
        RosterImportResult roster = Roster();
        roster = roster with { Members = [.. roster.Members, new Member(Exempt, "Lê Văn Miễn", Cell, MembershipKind.Full, new DateOnly(1960, 5, 1)) { Standing = MemberStanding.Exempt }] };
        RosterImportReport import = await host.App.Services.GetRequiredService<RosterService>().ImportAsync(roster, timeout);
        Assert.True(import.Imported, string.Join("; ", import.Errors));
        await host.StartCycleAsync(timeout);
        return host;
    }

    private static async Task FillFormAsync(IPage page, string text)
    {
        ILocator sections = page.Locator("#review-form textarea");
        for (int i = 0; i < await sections.CountAsync(); i++)
        {
            await sections.Nth(i).FillAsync($"{text} {i + 1}");
        }

        await page.CheckAsync("#level-Good");
    }

    private static Task<List<SelfReviewVersion>> VersionsAsync(WebTestHost host, string memberId)
        => host.App.Services.GetRequiredService<SubmissionStore>().VersionsAsync(CycleId, memberId, CancellationToken.None);

    [Fact]
    public async Task SelfReview_AFileThatOnlyCallsItselfAPdf_IsRefusedOnThePage_AndTheTypedTextStays()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(2));
        await using WebTestHost host = await StartCycleAsync(azurite, timeout);
        IPage member = await host.SignInAsync("Member:m01");
        string review = host.Url("/web/review");
        await ReloadUntilAsync(member, review, async () => await member.Locator("#review-form").CountAsync() == 1, timeout);

        await FillFormAsync(member, "Nội dung tự kiểm điểm");
        await member.SetInputFilesAsync("#attachments", new FilePayload { Name = "ban-kiem-diem.pdf", MimeType = "application/pdf", Buffer = "chỉ là chữ, không phải PDF"u8.ToArray() });
        await member.ClickAsync("#submit-review");

        Assert.Contains("không phải PDF", await member.InnerTextAsync("#form-errors"), StringComparison.Ordinal);
        Assert.Contains("ban-kiem-diem.pdf", await member.InnerTextAsync("#form-errors"), StringComparison.Ordinal);
        Assert.Equal("Nội dung tự kiểm điểm 1", await member.Locator("#review-form textarea").First.InputValueAsync());
        Assert.Equal(0, await member.Locator("#submitted").CountAsync());
        Assert.Empty(await VersionsAsync(host, "m01"));
        await ShotAsync(member, "30-member-fake-pdf-refused");
    }

    [Fact]
    public async Task SelfReview_AMemberNotReviewedThisYear_GetsNoFormAndAPostIsRefused()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(2));
        await using WebTestHost host = await StartCycleAsync(azurite, timeout);
        IPage colleague = await host.SignInAsync("Member:m01");
        await ReloadUntilAsync(colleague, host.Url("/web/review"), async () => await colleague.Locator("#review-form").CountAsync() == 1, timeout);

        IPage exempt = await host.SignInAsync("Member:" + Exempt);
        await exempt.GotoAsync(host.Url("/web/review"));

        Assert.Contains("không thuộc diện kiểm điểm", await exempt.InnerTextAsync("#closed"), StringComparison.Ordinal);
        Assert.Equal(0, await exempt.Locator("#review-form").CountAsync());
        await ShotAsync(exempt, "31-member-not-reviewed");

        // A form posted anyway (an old tab, a crafted request) goes through the same check.
        IAPIResponse posted = await exempt.APIRequest.PostAsync(host.Url($"/web/review?cycle={CycleId}"), new() { Multipart = exempt.APIRequest.CreateFormData().Set("selfRating", "Good").Set("sections.A.I", "x") });
        Assert.DoesNotContain("Đã nộp", await posted.TextAsync(), StringComparison.Ordinal);
        Assert.Empty(await VersionsAsync(host, Exempt));
    }

    [Fact]
    public async Task SelfReview_AfterTheCellsStepEnded_ThePageSaysSo_AndAFormStillOpenIsRefusedKeepingTheText()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(2));
        await using WebTestHost host = await StartCycleAsync(azurite, timeout);
        IPage member = await host.SignInAsync("Member:m01");
        string review = host.Url("/web/review");
        await ReloadUntilAsync(member, review, async () => await member.Locator("#review-form").CountAsync() == 1, timeout);
        await FillFormAsync(member, "Viết trước khi chi bộ kết thúc");

        // The cell's orchestration ends while the member's tab is still open.
        DurableTaskClient client = host.App.Services.GetRequiredService<DurableTaskClient>();
        string cell = CycleInstanceIds.Unit(CycleId, Cell);
        await client.TerminateInstanceAsync(cell, "test: the cell's cycle ended", timeout);
        await client.WaitForInstanceCompletionAsync(cell, timeout);

        await member.ClickAsync("#submit-review");
        Assert.Contains("đã đóng", await member.InnerTextAsync("#form-errors"), StringComparison.Ordinal);
        Assert.Equal("Viết trước khi chi bộ kết thúc 1", await member.Locator("#review-form textarea").First.InputValueAsync());
        Assert.Empty(await VersionsAsync(host, "m01"));

        await member.GotoAsync(review);
        Assert.DoesNotContain("Đang mở", await member.InnerTextAsync("#task"), StringComparison.Ordinal);
        Assert.Equal(0, await member.Locator("#review-form").CountAsync());
        await ShotAsync(member, "32-member-step-ended");
    }
}
