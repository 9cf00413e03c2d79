using AnnualReview.Assessment.Model;
using AnnualReview.Testing;
using AnnualReview.Workflows.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static AnnualReview.Functions.Tests.Web.WebTestHost;

namespace AnnualReview.Functions.Tests.Web;

/// <summary>
/// Journey 3 in the browser: once the self-review is handed over (12 December, 08:00 in Hồ Chí Minh City), the
/// secretary's meeting page offers "Nộp thay" for each member still missing, and the form it opens submits for them.
/// </summary>
[Collection("azurite")]
public sealed class WebHandOverTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Secretary_SubmitsOnBehalfOfAHandedOverMember_FromTheMeetingPage()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(3));
        // 40 real seconds before the hand-over rung; m01..m06 submit in time, m07 does not.
        await using WebTestHost host = await StartAsync(azurite, timeout, clockStart: "2026-12-12T00:59:20Z");
        await host.StartCycleAsync(timeout);
        IPage secretary = await host.SignInAsync("CellSecretary:" + Cell);
        string meeting = host.Url($"/web/meeting?cycle={CycleId}&cell={Cell}");
        await ReloadUntilAsync(secretary, meeting, async () => await secretary.Locator("#missing").CountAsync() == 1, timeout);
        foreach (string id in new[] { "m01", "m02", "m03", "m04", "m05", "m06" })
        {
            await host.SubmitDirectlyAsync(id, RatingLevel.Good, timeout);
        }

        // Before the hand-over the page offers nothing, and the form for m07 is refused.
        Assert.Equal(0, await secretary.Locator("[id^=on-behalf-]").CountAsync());
        IResponse? early = await secretary.GotoAsync(host.Url($"/web/review?cycle={CycleId}&member=m07"));
        Assert.Equal(403, early!.Status);

        await ReloadUntilAsync(secretary, meeting, async () => await secretary.Locator("#on-behalf-m07").CountAsync() == 1, timeout);
        Assert.Equal(1, await secretary.Locator("[id^=on-behalf-]").CountAsync());
        Assert.Equal("Nộp thay", await secretary.InnerTextAsync("#on-behalf-m07"));
        await ShotAsync(secretary, "60-desktop-secretary-on-behalf-link");
        await secretary.ClickAsync("#on-behalf-m07");
        Assert.Equal("Nộp thay cho đảng viên Nguyễn Văn G (m07)", await secretary.InnerTextAsync("#on-behalf-of"));
        ILocator sections = secretary.Locator("#review-form textarea");
        for (int i = 0; i < await sections.CountAsync(); i++)
        {
            await sections.Nth(i).FillAsync($"Mục {i + 1}: bí thư ghi thay theo lời đảng viên.");
        }

        await secretary.CheckAsync("#level-Completed");
        await secretary.ClickAsync("#submit-review");
        Assert.True(await secretary.Locator("#submitted").IsVisibleAsync());
        Assert.Contains("member=m07", secretary.Url, StringComparison.Ordinal);
        await ShotAsync(secretary, "61-desktop-secretary-submitted-on-behalf");

        // The version is m07's, recorded as submitted by the secretary; a secretary who was not handed m01 is refused.
        List<SelfReviewVersion> versions = await host.App.Services.GetRequiredService<SubmissionStore>().VersionsAsync(CycleId, "m07", timeout);
        Assert.Equal($"cellsecretary@{Cell}", Assert.Single(versions).SubmittedBy);
        IResponse? notHandedOver = await secretary.GotoAsync(host.Url($"/web/review?cycle={CycleId}&member=m01"));
        Assert.Equal(403, notHandedOver!.Status);

        // On a phone the link is there and the page does not scroll sideways (m07 now submitted, so the list is empty).
        IPage phone = await host.SignInAsync("CellSecretary:" + Cell, new ViewportSize { Width = 390, Height = 844 });
        await phone.GotoAsync(host.Url($"/web/review?cycle={CycleId}&member=m07"));
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await ShotAsync(phone, "62-phone-secretary-on-behalf-versions");
    }
}
