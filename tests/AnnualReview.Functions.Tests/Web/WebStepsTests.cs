using AnnualReview.Testing;
using AnnualReview.Workflows.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static AnnualReview.Functions.Tests.Web.WebTestHost;

namespace AnnualReview.Functions.Tests.Web;

/// <summary>
/// The board's and committees' step pages refuse what the API refuses, through the same step classes: a role that
/// may not do the step, and a unit outside the person's subtree, each answered 403 with the reason in words;
/// a re-import of the city reports in words only what changed; a rating sent before its step is refused.
/// </summary>
[Collection("azurite")]
public sealed class WebStepsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RosterImport_ReportsAMoveByName_AndRefusesACommittee()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(2));
        await using WebTestHost host = await StartAsync(azurite, timeout);
        IPage board = await host.SignInAsync("OrganizationBoard:" + Board);
        await board.GotoAsync(host.Url("/web/roster/import"));
        string csv = Csv().Replace($"m07,Nguyễn Văn G,{Cell}", $"m07,Nguyễn Văn G,{OtherCell}", StringComparison.Ordinal);
        await board.SetInputFilesAsync("#file", new FilePayload { Name = "danh-sach.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await board.ClickAsync("#import");
        Assert.Contains("1 đảng viên chuyển chi bộ", await board.InnerTextAsync("#import-report"), StringComparison.Ordinal);
        Assert.Equal("Nguyễn Văn G: Chi bộ khu phố 1 → Chi bộ khu phố 7", await board.InnerTextAsync("#moves li"));
        Assert.Equal(OtherCell, (await host.App.Services.GetRequiredService<RosterStore>().GetMemberAsync("m07", timeout))!.CellId);

        IPage committee = await host.SignInAsync("Committee:" + Committee);
        IResponse? refused = await committee.GotoAsync(host.Url("/web/roster/import"));
        Assert.Equal(403, refused!.Status);
        Assert.Equal(0, await committee.Locator("#import-form").CountAsync());
        Assert.Equal(0, await committee.Locator("nav a[href='/web/roster/import']").CountAsync());
    }

    [Fact]
    public async Task StepPages_RefuseOutsideTheSubtreeOrRole_AndARatingBeforeItsStep()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(2));
        await using WebTestHost host = await StartAsync(azurite, timeout);
        await host.StartCycleAsync(timeout);

        // Another grassroots organization's committee may not set this one's cell levels.
        IPage other = await host.SignInAsync("Committee:" + OtherGrassroots);
        IResponse? cells = await other.GotoAsync(host.Url($"/web/cell-levels?cycle={CycleId}&unit={Grassroots}"));
        Assert.Equal(403, cells!.Status);
        Assert.Contains("ngoài vai trò hoặc phạm vi", await other.InnerTextAsync("main"), StringComparison.Ordinal);

        // Its own committee sees its cell by name, closed until the appraisal, and told why.
        IPage grassroots = await host.SignInAsync("Committee:" + Grassroots);
        await grassroots.GotoAsync(host.Url($"/web/cell-levels?cycle={CycleId}&unit={Grassroots}"));
        Assert.Equal("false", await grassroots.GetAttributeAsync("#cells-stage", "data-open"));
        Assert.Equal("Chưa đến bước thẩm định", await grassroots.InnerTextAsync("#cells-stage"));
        Assert.True(await grassroots.Locator("#not-yet").IsVisibleAsync());
        Assert.Equal(0, await grassroots.Locator("#set-levels").CountAsync());

        // A grassroots committee may not rate the district above it; the district may not finish the city's cycle.
        IResponse? above = await grassroots.GotoAsync(host.Url($"/web/organization-ratings?cycle={CycleId}&unit={Committee}"));
        Assert.Equal(403, above!.Status);
        IPage district = await host.SignInAsync("Committee:" + Committee);
        IResponse? finish = await district.GotoAsync(host.Url($"/web/cycles/{CycleId}/finish"));
        Assert.Equal(403, finish!.Status);

        // The district's own page shows its grassroots organizations by name, closed until their members are decided.
        await district.GotoAsync(host.Url($"/web/organization-ratings?cycle={CycleId}&unit={Committee}"));
        await ReloadUntilAsync(district, host.Url($"/web/organization-ratings?cycle={CycleId}&unit={Committee}"), async () => await district.Locator("#ratings-form tr[data-unit]").CountAsync() == 2, timeout);
        Assert.Equal("false", await district.GetAttributeAsync("#rating-stage", "data-open"));
        Assert.Contains("Đảng bộ phường Bến Nghé", await district.InnerTextAsync("#ratings-form"), StringComparison.Ordinal);
        Assert.Equal(0, await district.Locator("#rate").CountAsync());

        // The board's finish page before the step: the same refusal the API gives, in words, with the choice kept.
        IPage board = await host.SignInAsync("OrganizationBoard:" + Board);
        await board.GotoAsync(host.Url($"/web/cycles/{CycleId}/finish"));
        Assert.Equal("false", await board.GetAttributeAsync("#rating-stage", "data-open"));
        string token = (await board.GetAttributeAsync("#ratings-form input[name=__af]", "value"))!;
        IAPIResponse early = await board.Context.APIRequest.PostAsync(host.Url($"/web/cycles/{CycleId}/finish"), new()
        {
            Form = board.Context.APIRequest.CreateFormData().Set("__af", token).Set("level." + Committee, "Good").Set("requestToken", "t1"),
        });
        Assert.Equal(409, early.Status);
        string html = await early.TextAsync();
        Assert.Contains("id=\"refused\"", html, StringComparison.Ordinal);
        Assert.Contains("data-problem=\"step-not-open\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Good\" selected", html, StringComparison.Ordinal);
    }

    private static string Csv() => string.Join('\n',
        [
            "id,name,kind,parent_id",
            .. Roster().Units.Select(u => $"{u.Id},{u.Name},{u.Kind},{u.ParentId}"),
            "",
            "id,full_name,cell_id,membership,admitted_on",
            .. Roster().Members.Select(m => $"{m.Id},{m.FullName},{m.CellId},{m.Membership},{m.AdmittedOn:yyyy-MM-dd}"),
            "",
        ]);
}
