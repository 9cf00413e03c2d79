using AnnualReview.Assessment.Model;
using AnnualReview.Testing;
using AnnualReview.Workflows.Contracts;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static AnnualReview.Functions.Tests.Web.WebTestHost;

namespace AnnualReview.Functions.Tests.Web;

/// <summary>
/// The year's cycle through the browser, person by person: the board starts it (after a date error shown at its
/// field), a member saves a draft and submits with a scan, the secretary sees who is missing, submits the collective
/// review and records the meeting with the level computed as they type, the committee is refused for the quota and
/// fixes it, the board sees the tree, and the auditor verifies a history, exports it, then sees a hand-edited row flagged.
/// </summary>
[Collection("azurite")]
public sealed class WebJourneyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Journey_EveryPersonsMainPath_EndToEndInTheBrowser()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(3));
        await using WebTestHost host = await StartAsync(azurite, timeout);

        // The board: a hard stop before the board report is refused next to the field, then the cycle starts.
        IPage board = await host.SignInAsync("OrganizationBoard:" + Board);
        await board.GotoAsync(host.Url("/web/cycles/new"));
        await board.SelectOptionAsync("#ruleSetId", RuleSetId);
        // The reference date for "admitted under 6 months" is the board's to set, the rule set's 31 December by default.
        Assert.Equal("2026-12-31", await board.InputValueAsync("#admissionReferenceDate"));
        await board.FillAsync("#hardStop", "2027-01-15");
        await board.ClickAsync("#start-cycle");
        Assert.Contains("01/02/2027", await board.InnerTextAsync("#hardStop-error"), StringComparison.Ordinal);
        Assert.Equal("true", await board.GetAttributeAsync("#hardStop", "aria-invalid"));
        await ShotAsync(board, "01-board-start-cycle-error");
        await board.FillAsync("#hardStop", "2027-02-01");
        await board.ClickAsync("#start-cycle");
        Assert.Equal(CycleId, await board.InnerTextAsync("#cycle-id"));
        await ShotAsync(board, "02-board-cycle-started");

        // A member: a draft survives a reload; the submission keeps the scan with its hash.
        IPage member = await host.SignInAsync("Member:m01");
        string review = host.Url("/web/review");
        await ReloadUntilAsync(member, review, async () => await member.Locator("#review-form").CountAsync() == 1, timeout);
        ILocator sections = member.Locator("#review-form textarea");
        await sections.First.FillAsync("Hoàn thành tốt nhiệm vụ được giao tại khu phố.");
        await member.ClickAsync("#save-draft");
        Assert.True(await member.Locator("#draft-saved").IsVisibleAsync());
        await member.GotoAsync(review);
        Assert.Equal("Hoàn thành tốt nhiệm vụ được giao tại khu phố.", await sections.First.InputValueAsync());
        await member.ClickAsync("#submit-review");
        Assert.True(await member.Locator("#form-errors").IsVisibleAsync());
        for (int i = 1; i < await sections.CountAsync(); i++)
        {
            await sections.Nth(i).FillAsync($"Nội dung phần {i + 1}.");
        }

        await member.CheckAsync("#level-Excellent");
        await member.SetInputFilesAsync("#attachments", new FilePayload { Name = "ban-kiem-diem.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.7\n"u8.ToArray() });
        await member.ClickAsync("#submit-review");
        Assert.Contains("1", await member.InnerTextAsync("#submitted"), StringComparison.Ordinal);
        Assert.Contains("ban-kiem-diem.pdf", await member.InnerTextAsync("#versions"), StringComparison.Ordinal);
        await ShotAsync(member, "03-member-self-review");

        // The secretary: six still missing; the meeting is refused before the collective review.
        IPage secretary = await host.SignInAsync("CellSecretary:" + Cell);
        string meeting = host.Url($"/web/meeting?cycle={CycleId}&cell={Cell}");
        await secretary.GotoAsync(meeting);
        Assert.Equal(6, await secretary.Locator("#missing li").CountAsync());
        await ShotAsync(secretary, "04-secretary-missing");
        for (int i = 2; i <= 7; i++)
        {
            await host.SubmitDirectlyAsync($"m{i:D2}", i == 2 ? RatingLevel.Excellent : RatingLevel.Good, timeout);
        }

        await secretary.GotoAsync(meeting);
        await secretary.FillAsync("#present", "7");
        await secretary.FillAsync("#t-m01-Excellent", "6");
        await secretary.FillAsync("#t-m01-Good", "1");
        Assert.Equal("Hoàn thành xuất sắc", await secretary.InnerTextAsync("tr[data-member=m01] output"));
        await secretary.ClickAsync("#record-meeting");
        Assert.Contains("Mẫu 01", await secretary.InnerTextAsync("#meeting-form"), StringComparison.Ordinal);
        await secretary.Locator("#collective-form textarea").First.FillAsync("Chi bộ hoàn thành tốt nhiệm vụ năm 2026.");
        await secretary.ClickAsync("#submit-collective");
        Assert.True(await secretary.Locator("#collective-saved").IsVisibleAsync());
        await ReloadUntilAsync(secretary, meeting, async () => await secretary.GetAttributeAsync("#cell-stage", "data-stage") == "meeting", timeout);
        await secretary.FillAsync("#present", "7");
        foreach (string id in new[] { "m01", "m02" })
        {
            await secretary.FillAsync($"#t-{id}-Excellent", "6");
            await secretary.FillAsync($"#t-{id}-Good", "1");
        }

        for (int i = 3; i <= 6; i++)
        {
            await secretary.FillAsync($"#t-m{i:D2}-Good", "6");
            await secretary.FillAsync($"#t-m{i:D2}-Completed", "1");
        }

        // m07 by the points the cell agreed (QĐ 366 scores points): 95 points but only 10% of tasks beyond
        // requirements is Good, not Excellent, and the page says so as the secretary types.
        await secretary.ClickAsync("#points-m07 summary");
        await secretary.FillAsync("#p-m07-general", "30");
        await secretary.FillAsync("#p-m07-taskResults", "65");
        await secretary.FillAsync("#s-m07-onTime", "100");
        // The share fixed is not typed: it comes from m07's A.III, and a first cycle carries nothing to fix.
        Assert.Equal(("100", true), (await secretary.InputValueAsync("#s-m07-fixed"), await secretary.Locator("#s-m07-fixed").GetAttributeAsync("readonly") is not null));
        await secretary.FillAsync("#s-m07-exceeding", "40");
        Assert.Equal("Hoàn thành xuất sắc", await secretary.InnerTextAsync("tr[data-member=m07] output"));
        await secretary.FillAsync("#s-m07-exceeding", "10");
        Assert.Equal("Hoàn thành tốt", await secretary.InnerTextAsync("tr[data-member=m07] output"));
        Assert.Equal("Hoàn thành tốt", await secretary.InnerTextAsync("tr[data-member=m05] output"));
        await ShotAsync(secretary, "05-secretary-meeting-form");
        await secretary.ClickAsync("#record-meeting");
        Assert.True(await secretary.Locator("#recorded").IsVisibleAsync());
        await ReloadUntilAsync(secretary, meeting, async () => await secretary.InnerTextAsync("#proposed-count") == "7", timeout);

        // The committee: 2 Excellent against 5 Good breaks the quota; finalizing is refused with the guidance; one moves with a reason.
        IPage committee = await host.SignInAsync("Committee:" + Grassroots);
        string appraisal = host.Url($"/web/appraisal?cycle={CycleId}&unit={Grassroots}");
        await ReloadUntilAsync(committee, appraisal, async () => await committee.Locator("#appraisal-form tr[data-member]").CountAsync() == 7, timeout);
        Assert.Equal(1, await committee.Locator(".meter.broken").CountAsync());
        Assert.Contains("95 điểm", await committee.InnerTextAsync("tr[data-member=m07]"), StringComparison.Ordinal);
        await committee.ClickAsync("#finalize");
        Assert.Contains("Chuyển 1 trong 2", await committee.InnerTextAsync("#refused"), StringComparison.Ordinal);
        await ShotAsync(committee, "06-committee-quota-refused");
        await committee.SelectOptionAsync("#d-m02", "Good");
        Assert.Equal(0, await committee.Locator(".meter.broken").CountAsync());
        await committee.ClickAsync("#finalize");
        Assert.True(await committee.Locator("#reason-m02-error").IsVisibleAsync());
        await committee.SelectOptionAsync("#d-m02", "Good");
        await committee.FillAsync("#reason-m02", "Chưa có sáng kiến nổi bật trong năm");
        await committee.ClickAsync("#finalize");
        Assert.True(await committee.Locator("#sent").IsVisibleAsync());
        await ReloadUntilAsync(committee, appraisal, async () => await committee.GetAttributeAsync("#appraisal-stage", "data-finalized") == "true", timeout);
        Assert.Equal("changed", await committee.GetAttributeAsync("tr[data-member=m02]", "class"));
        await ShotAsync(committee, "07-committee-finalized");

        // The board: the grassroots organization's decided counts and the chart against the quota, the tree, the cell's members.
        string decided = host.Url($"/web/cycles/{CycleId}?unit={Grassroots}");
        await ReloadUntilAsync(board, decided, async () => await board.InnerTextAsync("[data-stage=Decided] strong") == "7", timeout);
        Assert.Contains("Hoàn thành xuất sắc: 1;", await board.GetAttributeAsync("#level-chart", "aria-label") ?? "", StringComparison.Ordinal);
        Assert.Contains("Hoàn thành tốt: 6;", await board.GetAttributeAsync("#level-chart", "aria-label") ?? "", StringComparison.Ordinal);
        await ShotAsync(board, "08-board-grassroots");
        await board.ClickAsync($".tree li[data-unit={Cell}] > a");
        Assert.Contains("Chi bộ khu phố 1", await board.InnerTextAsync("#unit-name"), StringComparison.Ordinal);
        Assert.Equal(7, await board.Locator("#members tbody tr").CountAsync());
        await ShotAsync(board, "09-board-cell-drilldown");
        await board.GotoAsync(host.Url($"/web/cycles/{CycleId}"));
        Assert.Equal(1, await board.Locator($".tree li[data-unit={Committee}]").CountAsync());
        Assert.Equal(1, await board.Locator($".tree li[data-unit={OtherGrassroots}]").CountAsync());
        await ShotAsync(board, "10-board-dashboard");

        // The auditor: the cell's history is intact and told in words; the export carries the manifest; a hand-edited row is flagged.
        IPage auditor = await host.SignInAsync("Auditor:" + Board);
        await auditor.GotoAsync(host.Url($"/web/audit?cycle={CycleId}"));
        string cellInstance = CycleInstanceIds.Unit(CycleId, Cell);
        Assert.Equal("Chi bộ khu phố 1", await auditor.InnerTextAsync($"#instances a[title='{cellInstance}']"));
        await auditor.ClickAsync($"#instances a[title='{cellInstance}']");
        Assert.Equal("true", await auditor.GetAttributeAsync("#verification", "data-intact"));
        Assert.Contains("Nguyễn Văn A nộp bản kiểm điểm (lần 1)", await auditor.InnerTextAsync("#timeline"), StringComparison.Ordinal);
        Assert.Equal(1, await auditor.Locator("form[method=post]").CountAsync());
        await ShotAsync(auditor, "11-auditor-intact");
        await auditor.SelectOptionAsync("#type", "EventRaised");
        await auditor.ClickAsync("form.filters button");
        Assert.True(await auditor.Locator("#timeline tbody tr").CountAsync() >= 8);
        Assert.Equal(0, await auditor.Locator("#timeline tbody tr td:nth-child(3):not([title='EventRaised'])").CountAsync());
        await ShotAsync(auditor, "11b-auditor-filtered");
        IAPIResponse export = await auditor.Context.APIRequest.GetAsync(host.Url($"/web/audit/export?cycle={CycleId}"));
        string exported = await export.TextAsync();
        Assert.Equal(200, export.Status);
        Assert.Contains("\"exportSha256\"", exported.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
        Assert.Contains(cellInstance, exported, StringComparison.Ordinal);

        long tampered = await TamperAsync(host, cellInstance, timeout);
        await auditor.ReloadAsync();
        Assert.Equal("false", await auditor.GetAttributeAsync("#verification", "data-intact"));
        Assert.Equal(tampered.ToString(System.Globalization.CultureInfo.InvariantCulture), await auditor.InnerTextAsync("#broken-seq"));
        await ShotAsync(auditor, "12-auditor-tampered");

        // Everyone's inbox: the member is told the final level.
        await ReloadUntilAsync(member, host.Url("/web/inbox"), async () => await member.Locator("#inbox li[data-template=final-level]").CountAsync() == 1, timeout);
        Assert.Contains("Hoàn thành xuất sắc", await member.InnerTextAsync("#inbox li[data-template=final-level]"), StringComparison.Ordinal);
        await ShotAsync(member, "13-member-inbox");
        await board.GotoAsync(host.Url($"/web/recognition?cycle={CycleId}&unit={Board}"));
        await ShotAsync(board, "14-board-recognition");
    }

    /// <summary>
    /// Edits one event in the task hub's History table by hand, as someone with the storage key might, once it is
    /// sealed: a date inside a submission changes.
    /// </summary>
    private static async Task<long> TamperAsync(WebTestHost host, string instanceId, CancellationToken timeout)
    {
        await host.App.Services.GetRequiredService<AnnualReview.TaskHub.Sealing.HistorySealer>().SealAsync(instanceId, timeout);
        var table = new TableServiceClient(host.App.App.Configuration["AzureWebJobsStorage"]).GetTableClient(host.App.TaskHub + "History");
        for (long seq = 1; seq < 200; seq++)
        {
            NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(instanceId, seq.ToString("X16", System.Globalization.CultureInfo.InvariantCulture), cancellationToken: timeout);
            if (row.HasValue && row.Value!.GetString("EventType") == "EventRaised" && row.Value.GetString("Input") is { } input && input.Contains("2026-", StringComparison.Ordinal))
            {
                int at = input.IndexOf("2026-", StringComparison.Ordinal);
                row.Value["Input"] = string.Concat(input.AsSpan(0, at), "2025-", input.AsSpan(at + 5));
                await table.UpdateEntityAsync(row.Value, ETag.All, TableUpdateMode.Replace, timeout);
                return seq;
            }
        }

        throw new InvalidOperationException("No raised event with an inline date to edit.");
    }
}
