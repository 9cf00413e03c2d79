using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;
using AnnualReview.Testing;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static AnnualReview.Functions.Tests.Web.WebTestHost;

namespace AnnualReview.Functions.Tests.Web;

/// <summary>
/// A whole cycle carried in the browser alone, on a tiny city: the board imports its roster (a bad row first,
/// refused with its line, the text kept), starts the cycle; three members submit; the secretary sends the
/// collective review and records the meeting; the grassroots committee sets its cell's level and finalizes; the
/// district committee rates the grassroots organization; the board rates the district and reads the final report.
/// Nothing is sent to the API or the commands: the services are only read to assert.
/// </summary>
[Collection("azurite")]
public sealed class WebWholeCycleTests(AzuriteFixture azurite)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>Only the board's own unit is known before the import, as on the first day.</summary>
    private static RosterImportResult BoardOnly() => new(true, [new Unit(Board, "Thành ủy TP.HCM", UnitKind.OrganizationBoard, null)], [], []);

    private static string RosterCsv(string cellOfThirdMember) => string.Join('\n',
        "id,name,kind,parent_id",
        $"{Board},Thành ủy TP.HCM,OrganizationBoard,",
        $"{Committee},Quận ủy Quận 1,Committee,{Board}",
        $"{Grassroots},Đảng bộ phường Bến Nghé,GrassrootsOrganization,{Committee}",
        $"{Cell},Chi bộ khu phố 1,Cell,{Grassroots}",
        "",
        "id,full_name,cell_id,membership,admitted_on",
        $"m01,Nguyễn Văn An,{Cell},Full,2015-03-01",
        $"m02,Lê Thị Bình,{Cell},Full,2016-05-02",
        $"m03,Phạm Văn Cường,{cellOfThirdMember},Full,2017-07-03",
        "");

    [Fact]
    public async Task WholeCycle_FromRosterImportToFinalReport_InTheBrowserAlone()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(4));
        await using WebTestHost host = await StartAsync(azurite, timeout, BoardOnly());
        IPage board = await host.SignInAsync("OrganizationBoard:" + Board);

        // The roster: a member in an unknown cell refuses the whole import, names line 10 and keeps the text to fix.
        await board.ClickAsync("nav a[href='/web/roster/import']");
        await board.FillAsync("#text", RosterCsv("q1-g1-c9"));
        await board.ClickAsync("#import");
        Assert.Equal("10", await board.GetAttributeAsync("#refused-lines li", "data-line"));
        Assert.Contains("q1-g1-c9", await board.InputValueAsync("#text"), StringComparison.Ordinal);
        Assert.Null(await host.App.Services.GetRequiredService<RosterStore>().GetUnitAsync(Cell, timeout));
        await ShotAsync(board, "50-board-roster-refused-desktop");
        await board.FillAsync("#text", RosterCsv(Cell));
        await board.ClickAsync("#import");
        Assert.Contains("3 đảng viên mới", await board.InnerTextAsync("#import-report"), StringComparison.Ordinal);
        Assert.Equal(3, (await host.App.Services.GetRequiredService<RosterStore>().GetCellMembersAsync(Cell, timeout)).Count);
        await ShotAsync(board, "51-board-roster-imported-desktop");

        // The cycle, on the board's form with its default dates.
        await board.ClickAsync("#import-report a");
        await board.SelectOptionAsync("#ruleSetId", RuleSetId);
        await board.ClickAsync("#start-cycle");
        Assert.Equal(CycleId, await board.InnerTextAsync("#cycle-id"));

        // Every member submits their own self-review.
        foreach (string id in new[] { "m01", "m02", "m03" })
        {
            IPage member = await host.SignInAsync("Member:" + id);
            await ReloadUntilAsync(member, host.Url("/web/review"), async () => await member.Locator("#review-form").CountAsync() == 1, timeout);
            ILocator sections = member.Locator("#review-form textarea");
            for (int i = 0; i < await sections.CountAsync(); i++)
            {
                await sections.Nth(i).FillAsync($"Nội dung phần {i + 1} của bản kiểm điểm.");
            }

            await member.CheckAsync("#level-Good");
            await member.ClickAsync("#submit-review");
            Assert.True(await member.Locator("#submitted").IsVisibleAsync(), await member.InnerTextAsync("main"));
            await member.Context.CloseAsync();
        }

        // The secretary: the collective review, then the meeting with every full member voting Good.
        IPage secretary = await host.SignInAsync("CellSecretary:" + Cell);
        string meeting = host.Url($"/web/meeting?cycle={CycleId}&cell={Cell}");
        await ReloadUntilAsync(secretary, meeting, async () => await secretary.Locator("#collective-form").CountAsync() == 1, timeout);
        await secretary.Locator("#collective-form textarea").First.FillAsync("Chi bộ hoàn thành tốt nhiệm vụ năm 2026.");
        await secretary.ClickAsync("#submit-collective");
        await ReloadUntilAsync(secretary, meeting, async () => await secretary.GetAttributeAsync("#cell-stage", "data-stage") == "meeting", timeout);
        await secretary.FillAsync("#present", "3");
        foreach (string id in new[] { "m01", "m02", "m03" })
        {
            await secretary.FillAsync($"#t-{id}-Good", "3");
        }

        await secretary.ClickAsync("#record-meeting");
        Assert.True(await secretary.Locator("#recorded").IsVisibleAsync(), await secretary.InnerTextAsync("main"));

        // The grassroots committee: its cell's level, then the members' decisions finalized.
        IPage grassroots = await host.SignInAsync("Committee:" + Grassroots);
        string cells = host.Url($"/web/cell-levels?cycle={CycleId}&unit={Grassroots}");
        await ReloadUntilAsync(grassroots, cells, async () => await grassroots.GetAttributeAsync("#cells-stage", "data-open") == "true", timeout);
        Assert.Contains("Hoàn thành tốt: 3", await grassroots.InnerTextAsync($"tr[data-cell='{Cell}']"), StringComparison.Ordinal);
        await grassroots.SelectOptionAsync($"#level-{Cell}", "Good");
        await grassroots.FillAsync($"#conclusion-{Cell}", "Sinh hoạt chuyên đề chưa đều");
        await grassroots.ClickAsync("#set-levels");
        Assert.True(await grassroots.Locator("#sent").IsVisibleAsync());
        await ReloadUntilAsync(grassroots, cells, async () => await grassroots.InputValueAsync($"#level-{Cell}") == "Good", timeout);
        Assert.Equal("Sinh hoạt chuyên đề chưa đều", await grassroots.InputValueAsync($"#conclusion-{Cell}"));
        await ShotAsync(grassroots, "52-committee-cell-levels-desktop");
        await grassroots.ClickAsync("#cells-form a");
        await grassroots.ClickAsync("#finalize");
        Assert.True(await grassroots.Locator("#sent").IsVisibleAsync());

        // The district committee rates the grassroots organization once its members are decided.
        IPage district = await host.SignInAsync("Committee:" + Committee);
        string ratings = host.Url($"/web/organization-ratings?cycle={CycleId}&unit={Committee}");
        await ReloadUntilAsync(district, ratings, async () => await district.GetAttributeAsync("#rating-stage", "data-open") == "true", timeout);
        Assert.Contains("Hoàn thành tốt: 3", await district.InnerTextAsync($"tr[data-unit='{Grassroots}']"), StringComparison.Ordinal);
        await district.SelectOptionAsync($"#level-{Grassroots}", "Good");
        await ShotAsync(district, "53-committee-organization-ratings-desktop");
        await district.ClickAsync("#rate");
        Assert.True(await district.Locator("#sent").IsVisibleAsync());

        // The board rates its committee, which finishes the cycle, and reads the final report.
        await board.ClickAsync("nav a[href='/web/finish']");
        string finish = board.Url;
        Assert.EndsWith($"/web/cycles/{CycleId}/finish", finish, StringComparison.Ordinal);
        await ReloadUntilAsync(board, finish, async () => await board.GetAttributeAsync("#rating-stage", "data-open") == "true", timeout);
        await board.SelectOptionAsync($"#level-{Committee}", "Excellent");
        await ShotAsync(board, "54-board-finish-desktop");
        await board.ClickAsync("#rate");
        await ReloadUntilAsync(board, finish, async () => await board.GetAttributeAsync("#cycle-status", "data-completed") == "true", timeout);
        Assert.Contains("Hoàn thành tốt: 3", await board.InnerTextAsync("#member-totals"), StringComparison.Ordinal);
        Assert.Equal("Hoàn thành xuất sắc", await board.InnerTextAsync($"#organization-levels tr[data-unit='{Committee}'] td"));
        IAPIResponse csv = await board.Context.APIRequest.GetAsync(host.Url((await board.GetAttributeAsync("#report-csv", "href"))!));
        Assert.Equal(200, csv.Status);
        Assert.Contains("Đảng bộ phường Bến Nghé", await csv.TextAsync(), StringComparison.Ordinal);
        var cellRating = (await host.App.Services.GetRequiredService<ReadModelStore>().ReadRatingsAsync(CollectiveReview.Id(Cell), timeout)).Single();
        Assert.Equal((RatingLevel.Good, "Sinh hoạt chuyên đề chưa đều"), (cellRating.Level, cellRating.Conclusion));
        await ShotAsync(board, "55-board-final-report-desktop");
        await board.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await ShotAsync(board, "55-board-final-report-phone");

        // Each new page at phone width as well.
        foreach ((string persona, string path, string name) in new[]
        {
            ("OrganizationBoard:" + Board, "/web/roster/import", "51-board-roster-import"),
            ("Committee:" + Grassroots, $"/web/cell-levels?cycle={CycleId}&unit={Grassroots}", "52-committee-cell-levels"),
            ("Committee:" + Committee, $"/web/organization-ratings?cycle={CycleId}&unit={Committee}", "53-committee-organization-ratings"),
        })
        {
            IPage page = await host.SignInAsync(persona, Phone);
            await page.GotoAsync(host.Url(path));
            await ShotAsync(page, name + "-phone");
            await page.Context.CloseAsync();
        }
    }
}
