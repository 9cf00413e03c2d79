using AnnualReview.Assessment.Cycle;
using AnnualReview.Testing;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static AnnualReview.Functions.Tests.Web.WebTestHost;

namespace AnnualReview.Functions.Tests.Web;

/// <summary>
/// Who reaches what, in which language, on which screen: the language toggle, a member submitting on a phone
/// (390×844) without the page scrolling sideways, and refusals outside a person's role or subtree.
/// </summary>
[Collection("azurite")]
public sealed class WebReachTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Pages_ToggleLanguage_FitAPhone_AndRefuseOutsideRoleOrSubtree()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(2));
        await using WebTestHost host = await StartAsync(azurite, timeout);
        var definition = new CycleDefinition(2026, Board, RuleSetId,
            new StepDueDates(new DateOnly(2026, 12, 10), new DateOnly(2026, 12, 18), new DateOnly(2026, 12, 26), new DateOnly(2026, 12, 31), new DateOnly(2027, 2, 1)),
            new DateOnly(2027, 2, 1));
        CycleStartResult started = await host.App.Services.GetRequiredService<CycleStarter>().StartAsync(definition, null, timeout);
        Assert.True(started.Started);

        // Vietnamese first; English one click away, remembered; and back.
        IPage phone = await host.SignInAsync("Member:m08", new ViewportSize { Width = 390, Height = 844 });
        string review = host.Url("/web/review");
        await ReloadUntilAsync(phone, review, async () => await phone.Locator("#review-form").CountAsync() == 1, timeout);
        Assert.Equal("vi", await phone.GetAttributeAsync("html", "lang"));
        Assert.Equal("Bản tự kiểm điểm", await phone.InnerTextAsync("h1"));
        await phone.ClickAsync("#language-toggle");
        Assert.Equal("en", await phone.GetAttributeAsync("html", "lang"));
        Assert.Equal("My self-review", await phone.InnerTextAsync("h1"));
        await ShotAsync(phone, "20-phone-member-english");
        await phone.GotoAsync(host.Url("/web/inbox"));
        Assert.Equal("Notifications", await phone.InnerTextAsync("h1"));
        await phone.ClickAsync("#language-toggle");
        Assert.Equal("Thông báo", await phone.InnerTextAsync("h1"));

        // On the phone the member fills the whole form by keyboard and submits; nothing scrolls sideways.
        await phone.GotoAsync(review);
        ILocator sections = phone.Locator("#review-form textarea");
        for (int i = 0; i < await sections.CountAsync(); i++)
        {
            await sections.Nth(i).FocusAsync();
            await phone.Keyboard.TypeAsync($"Mục {i + 1}: đã làm.");
        }

        // The draft saved itself while they typed: it is there after a reload.
        await phone.Locator("#autosave-status:not(:empty)").WaitForAsync();
        await phone.ReloadAsync();
        Assert.Equal("Mục 1: đã làm.", await sections.First.InputValueAsync());
        await phone.FocusAsync("#level-Good");
        await phone.Keyboard.PressAsync("Space");
        Assert.True(await phone.IsCheckedAsync("#level-Good"));
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await ShotAsync(phone, "21-phone-member-form");
        await phone.ClickAsync("#submit-review");
        Assert.True(await phone.Locator("#submitted").IsVisibleAsync());
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await ShotAsync(phone, "22-phone-member-submitted");

        // Every field on the form has a label.
        int unlabelled = await phone.EvaluateAsync<int>("[...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter(e => !e.labels || e.labels.length === 0).length");
        Assert.Equal(0, unlabelled);

        // Outside the role: a member opening the committee's appraisal.
        IResponse? appraisal = await phone.GotoAsync(host.Url($"/web/appraisal?cycle={CycleId}&unit={Grassroots}"));
        Assert.Equal(403, appraisal!.Status);

        // Outside the subtree: another cell's secretary and another organization's committee.
        IPage otherSecretary = await host.SignInAsync("CellSecretary:" + OtherCell);
        IResponse? meeting = await otherSecretary.GotoAsync(host.Url($"/web/meeting?cycle={CycleId}&cell={Cell}"));
        Assert.Equal(403, meeting!.Status);
        IResponse? own = await otherSecretary.GotoAsync(host.Url($"/web/meeting?cycle={CycleId}&cell={OtherCell}"));
        Assert.Equal(200, own!.Status);
        Assert.Contains("Trần Thị H", await otherSecretary.InnerTextAsync("#meeting-form"), StringComparison.Ordinal);
        await ShotAsync(otherSecretary, "23-secretary-other-cell");
        IPage otherCommittee = await host.SignInAsync("Committee:" + OtherGrassroots);
        Assert.Equal(403, (await otherCommittee.GotoAsync(host.Url($"/web/appraisal?cycle={CycleId}&unit={Grassroots}")))!.Status);
        Assert.Equal(403, (await otherCommittee.GotoAsync(host.Url($"/web/audit/instance?id={CycleId}~{Cell}")))!.Status);
        Assert.Equal(403, (await otherCommittee.GotoAsync(host.Url($"/web/cycles/{CycleId}?unit={Cell}")))!.Status);
        Assert.Equal(403, (await otherCommittee.GotoAsync(host.Url($"/web/cycles/{CycleId}/members/m01")))!.Status);

        // The late list shows who was reminded when, and who was told.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        DateTime Local(int day, int hour) => TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 12, day, hour, 0, 0, DateTimeKind.Unspecified), zone);
        await host.App.Services.GetRequiredService<ReadModelStore>().WriteLateAsync(new LateEntry(CycleId, OtherCell, "Chi bộ khu phố 7", "SelfReview", Local(11, 0))
        {
            RemindedAt = [Local(7, 8), Local(9, 8)],
            EscalatedTo = ["Supervisor:" + OtherCell],
            PendingCount = 2,
        }, timeout);
        await otherCommittee.GotoAsync(host.Url($"/web/cycles/{CycleId}?unit={OtherGrassroots}"));
        string late = await otherCommittee.InnerTextAsync("#late");
        Assert.Contains("08:00 07/12/2026, 08:00 09/12/2026", late, StringComparison.Ordinal);
        // Escalated to whom, by name: the rung's engine words ("Supervisor:…") stay out of the page.
        Assert.Equal("Chi bộ khu phố 7", await otherCommittee.InnerTextAsync("#late tbody tr td:nth-child(6)"));
        Assert.DoesNotContain("Supervisor", late, StringComparison.Ordinal);
        Assert.Contains("hết ngày 10/12/2026", late, StringComparison.Ordinal);
        await ShotAsync(otherCommittee, "25-committee-late-list");

        // A committee may not start cycles; nobody signed in is sent to sign in.
        Assert.Equal(403, (await otherCommittee.GotoAsync(host.Url("/web/cycles/new")))!.Status);
        IPage anonymous = await (await host.Browser.NewContextAsync()).NewPageAsync();
        await anonymous.GotoAsync(host.Url("/web/cycles"));
        Assert.Contains("/web/sign-in", anonymous.Url, StringComparison.Ordinal);
        await ShotAsync(anonymous, "24-sign-in");

        // A form posted without its anti-forgery token (from another site) changes nothing.
        IFormData forged = otherCommittee.Context.APIRequest.CreateFormData();
        forged.Set("action", "finalize");
        IAPIResponse refused = await otherCommittee.Context.APIRequest.PostAsync(host.Url($"/web/appraisal?cycle={CycleId}&unit={OtherGrassroots}"), new() { Form = forged });
        Assert.Equal(400, refused.Status);
    }
}
