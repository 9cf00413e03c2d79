using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.Testing;
using AnnualReview.Workflows.Contracts;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static AnnualReview.Functions.Tests.Web.WebTestHost;

namespace AnnualReview.Functions.Tests.Web;

/// <summary>
/// Journey 3 in the browser: the cell's secretary is ill and the meeting (due 18 December) is not held. On the
/// 20th the grassroots committee sees the escalation in its late list, names the deputy secretary from there, and
/// the deputy, on a phone, submits the collective review and records the meeting.
/// </summary>
[Collection("azurite")]
public sealed class WebDeputyTests(AzuriteFixture azurite)
{
    private const string Deputy = "m02";

    [Fact]
    public async Task Committee_NamesTheDeputy_FromTheLateList_WhoRecordsTheMeetingOnAPhone()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(4));
        // 08:00 on the meeting's due day, an hour a real second: the escalation of 20 December 08:00 comes after 48 s.
        await using WebTestHost host = await StartAsync(azurite, timeout, clockStart: "2026-12-18T01:00:00Z", clockScale: 3600);
        await host.StartCycleAsync(timeout);
        var cycles = new CycleDirectory(host.App.Services.GetRequiredService<DurableTaskClient>());
        await WaitAsync(async () => (await cycles.StepAsync(CycleId, Cell, timeout))?.Stage == "self-review", timeout);
        for (int i = 1; i <= 7; i++)
        {
            await host.SubmitDirectlyAsync($"m{i:D2}", RatingLevel.Good, timeout);
        }

        // Before the escalation the committee's page says why nothing can be done yet, and offers no form.
        IPage committee = await host.SignInAsync("Committee:" + Grassroots);
        await committee.GotoAsync(host.Url($"/web/deputy?cycle={CycleId}&cell={Cell}"));
        Assert.Equal("false", await committee.GetAttributeAsync("#deputy-state", "data-open"));
        Assert.Equal(0, await committee.Locator("#deputy-form").CountAsync());

        // 20 December: the late list shows the meeting escalated to the committee, with the way to name a deputy.
        string progress = host.Url($"/web/cycles/{CycleId}?unit={Grassroots}");
        await ReloadUntilAsync(committee, progress, async () => await committee.Locator($"#deputy-{Cell}").CountAsync() == 1, timeout);
        string late = await committee.InnerTextAsync("#late");
        Assert.Contains("Đảng bộ phường Bến Nghé", late, StringComparison.Ordinal);
        Assert.DoesNotContain("Supervisor", late, StringComparison.Ordinal);
        await ShotAsync(committee, "70-desktop-committee-late-meeting-deputy-link");
        await committee.ClickAsync($"#deputy-{Cell}");
        Assert.Equal("true", await committee.GetAttributeAsync("#deputy-state", "data-open"));
        await committee.SelectOptionAsync("#deputy-member", Deputy);
        await committee.ClickAsync("#name-deputy");
        await committee.Locator("#named").WaitForAsync(new() { Timeout = 15_000 });
        Assert.Contains("Nguyễn Văn B", await committee.InnerTextAsync("#named"), StringComparison.Ordinal);
        await ShotAsync(committee, "71-desktop-committee-deputy-named");

        // A member who was not named is turned away from the meeting page.
        IPage other = await host.SignInAsync("Member:m01");
        Assert.Equal(403, (await other.GotoAsync(host.Url("/web/meeting")))!.Status);

        // The deputy, on a phone: their own page says what they were asked to do and opens the meeting.
        IPage deputy = await host.SignInAsync("Member:" + Deputy, new ViewportSize { Width = 390, Height = 844 });
        await deputy.GotoAsync(host.Url("/web/review"));
        Assert.True(await deputy.Locator("#deputy-task").IsVisibleAsync());
        await ShotAsync(deputy, "72-phone-deputy-task-on-own-page");
        await deputy.ClickAsync("#open-meeting");
        Assert.True(await deputy.Locator("#as-deputy").IsVisibleAsync());
        // The rule set's cumulative reading of the vote is stated beside the thresholds.
        Assert.StartsWith("Phiếu cho mức cao hơn được tính cho cả các mức thấp hơn", await deputy.InnerTextAsync("#vote-reading"), StringComparison.Ordinal);
        await deputy.Locator("#collective-form textarea").First.FillAsync("Chi bộ hoàn thành nhiệm vụ năm 2026; phó bí thư chủ trì họp thay bí thư.");
        await deputy.ClickAsync("#submit-collective");
        await deputy.Locator("#collective-saved").WaitForAsync(new() { Timeout = 15_000 });
        string meeting = deputy.Url;
        await ReloadUntilAsync(deputy, meeting, async () => await deputy.InnerTextAsync("#collective-status") != "" && !(await deputy.GetAttributeAsync("#collective-status", "class") ?? "").Contains("st-late", StringComparison.Ordinal), timeout);
        await deputy.FillAsync("#present", "7");
        for (int i = 1; i <= 7; i++)
        {
            await deputy.FillAsync($"#t-m{i:D2}-Good", "6");
            await deputy.FillAsync($"#t-m{i:D2}-Completed", "1");
        }

        await ShotAsync(deputy, "73-phone-deputy-meeting-form");
        // Sent from the keyboard: a pointer click at phone width lands its mouseup on a table cell (see the closing note).
        await deputy.FocusAsync("#record-meeting");
        await deputy.Keyboard.PressAsync("Enter");
        await deputy.Locator("#recorded").WaitForAsync(new() { Timeout = 15_000 });
        await ReloadUntilAsync(deputy, meeting, async () => await deputy.InnerTextAsync("#proposed-count") == "7", timeout);
        Assert.True(await deputy.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await ShotAsync(deputy, "74-phone-deputy-meeting-recorded");

        // The auditor reads the chain in words: the deputy named by the committee, then the meeting recorded.
        IPage auditor = await host.SignInAsync("Auditor:" + Board);
        await auditor.GotoAsync(host.Url($"/web/audit/instance?id={Uri.EscapeDataString(CycleInstanceIds.Unit(CycleId, Cell))}"));
        string timeline = await auditor.InnerTextAsync("main");
        Assert.Contains("Cấp ủy giao Nguyễn Văn B ghi biên bản họp thay bí thư", timeline, StringComparison.Ordinal);
        Assert.Contains("Ghi biên bản họp: triệu tập 7, có mặt 7", timeline, StringComparison.Ordinal);
        await ShotAsync(auditor, "75-desktop-auditor-deputy-chain");
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, CancellationToken timeout)
    {
        while (!await condition())
        {
            await Task.Delay(100, timeout);
        }
    }
}
