using AnnualReview.Assessment.Cycle;
using AnnualReview.Testing;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static AnnualReview.Functions.Tests.Web.WebTestHost;

namespace AnnualReview.Functions.Tests.Web;

/// <summary>
/// A member far away fills in the self-review on a phone without a connection: the page is served by the service
/// worker, the draft is kept on the device through a reload and a closed tab, the submit waits, and when the
/// connection returns it is sent by itself, once.
/// </summary>
[Collection("azurite")]
public sealed class WebOfflineTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SelfReview_TypedOfflineOnAPhone_SurvivesAReloadAndAClosedTab_AndIsSubmittedOnceBackOnline()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(3));
        await using WebTestHost host = await StartAsync(azurite, timeout);
        await host.StartCycleAsync(timeout);

        IPage page = await host.SignInAsync("Member:m03", new ViewportSize { Width = 390, Height = 844 });
        string review = host.Url("/web/review");
        await ReloadUntilAsync(page, review, async () => await page.Locator("#review-form").CountAsync() == 1, timeout);
        // Installable: the page names a manifest that starts on the member's own form.
        Assert.Equal(1, await page.Locator("link[rel=manifest]").CountAsync());
        IAPIResponse manifest = await page.APIRequest.GetAsync(host.Url("/web/manifest.webmanifest"));
        Assert.Contains("\"start_url\": \"/web/review\"", await manifest.TextAsync(), StringComparison.Ordinal);
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        await page.ReloadAsync(); // the worker now controls the page and has kept it

        // No connection: type, submit. It waits on the device.
        await page.Context.SetOfflineAsync(true);
        ILocator sections = page.Locator("#review-form textarea");
        for (int i = 0; i < await sections.CountAsync(); i++)
        {
            await sections.Nth(i).FillAsync($"Viết ở công trường, không có mạng, phần {i + 1}.");
        }

        await page.CheckAsync("#level-Good");
        await page.ClickAsync("#submit-review");
        Assert.Equal("waiting", await page.GetAttributeAsync("#offline-status", "data-state"));
        Assert.Contains("Đã lưu trên máy", await page.InnerTextAsync("#offline-status"), StringComparison.Ordinal);
        await ShotAsync(page, "50-phone-offline-waiting");

        // Still offline: the page comes from the worker, the text from the device; then the tab is closed.
        await page.ReloadAsync();
        Assert.Equal("Viết ở công trường, không có mạng, phần 1.", await page.Locator("#review-form textarea").First.InputValueAsync());
        Assert.Equal("waiting", await page.GetAttributeAsync("#offline-status", "data-state"));
        IBrowserContext phone = page.Context;
        await page.CloseAsync();
        Assert.Empty(await host.App.Services.GetRequiredService<SubmissionStore>().VersionsAsync(CycleId, "m03", timeout));

        // Back online in a new tab: the waiting submission goes by itself, and once.
        IPage again = await phone.NewPageAsync();
        await again.GotoAsync(review);
        await phone.SetOfflineAsync(false);
        await again.EvaluateAsync("() => window.dispatchEvent(new Event('online'))");
        await again.WaitForURLAsync(url => url.Contains("submitted=", StringComparison.Ordinal), new() { Timeout = 30_000 });
        await again.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Contains("Đã nộp", await again.InnerTextAsync("#submitted"), StringComparison.Ordinal);
        await ShotAsync(again, "51-phone-back-online-submitted");

        // A second page load finds nothing waiting, and a second send of the same draft would be the same request.
        await again.GotoAsync(review);
        Assert.NotEqual("waiting", await again.GetAttributeAsync("#offline-status", "data-state"));
        var versions = await host.App.Services.GetRequiredService<SubmissionStore>().VersionsAsync(CycleId, "m03", timeout);
        SelfReviewVersion only = Assert.Single(versions);
        Assert.Contains("không có mạng", string.Join(" ", only.Sections.Values), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReminderLink_OpensTheMembersOwnForm_RightAfterSignIn()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(2));
        await using WebTestHost host = await StartAsync(azurite, timeout);
        await host.StartCycleAsync(timeout);
        string link = AnnualReview.Functions.Notifications.Texts.NotificationLinks.For(host.App.BaseAddress, new Dictionary<string, string> { ["step"] = "SelfReview" }, CycleId);

        IBrowserContext phone = await host.Browser.NewContextAsync(new() { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        IPage page = await phone.NewPageAsync();
        await page.GotoAsync(link);
        Assert.Contains("/web/sign-in", page.Url, StringComparison.Ordinal);
        await page.ClickAsync("[data-persona=\"Member:m05\"]");
        await page.WaitForURLAsync(url => url.Contains("/web/review?cycle=" + CycleId, StringComparison.Ordinal));
        await ReloadUntilAsync(page, link, async () => await page.Locator("#review-form").CountAsync() == 1, timeout);
        Assert.Equal("Bản tự kiểm điểm", await page.InnerTextAsync("h1"));
        await ShotAsync(page, "52-phone-reminder-link");
    }
}
