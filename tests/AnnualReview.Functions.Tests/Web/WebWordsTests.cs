using System.Text.RegularExpressions;
using AnnualReview.Assessment.Cycle;
using AnnualReview.Assessment.Model;
using AnnualReview.Testing;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static AnnualReview.Functions.Tests.Web.WebTestHost;

namespace AnnualReview.Functions.Tests.Web;

/// <summary>
/// What people read is in their words: the visible text of the member's, the secretary's, the committee's, the
/// board's and the auditor's pages, in Vietnamese, holds no raw id of a member, unit or cycle and no English or
/// engine word. Ids may sit in a tooltip or in the auditor's raw columns (marked <c>.raw</c>), which are left out.
/// Every page is kept as a screenshot at desktop and phone width.
/// </summary>
[Collection("azurite")]
public sealed partial class WebWordsTests(AzuriteFixture azurite)
{
    private static readonly string[] EngineWords =
    [
        "Running", "Completed", "Pending", "Terminated", "Failed", "Suspended", "ContinuedAsNew", "Canceled",
        "EventRaised", "TaskScheduled", "OrchestratorStarted", "ExecutionStarted", "SubOrchestration",
        "Excellent", "Good", "NotStarted", "Submitted", "Proposed", "Decided", "NotRated",
        "self-review", "meeting-recorded", "null", "undefined", "\\u", "{\"",
    ];

    [GeneratedRegex(@"\bm\d{2}\b|\bq1(-g\d)?(-c\d)?\b|\bhcm\b|cycle-2026|~")]
    private static partial Regex RawId();

    [Fact]
    public async Task EveryPersonsPages_InVietnamese_ShowNamesAndWords_NotIdsOrEngineTerms()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(4));
        await using WebTestHost host = await StartAsync(azurite, timeout);
        await host.StartCycleAsync(timeout);

        IPage first = await host.SignInAsync("Member:m01");
        await ReloadUntilAsync(first, host.Url("/web/review"), async () => await first.Locator("#review-form").CountAsync() == 1, timeout);
        for (int i = 1; i <= 7; i++)
        {
            await host.SubmitDirectlyAsync($"m{i:D2}", i == 1 ? RatingLevel.Excellent : RatingLevel.Good, timeout);
        }

        string cell = host.Url($"/web/cycles/{CycleId}?unit={Cell}");
        IPage board = await host.SignInAsync("OrganizationBoard:" + Board);
        await ReloadUntilAsync(board, cell, async () => await board.InnerTextAsync("#members") is { } t && !t.Contains("Chưa nộp", StringComparison.Ordinal), timeout);

        var pages = new (string Persona, string Path, string Name)[]
        {
            ("Member:m01", "/web/review", "member-review"),
            ("Member:m01", "/web/inbox", "member-inbox"),
            ("CellSecretary:" + Cell, $"/web/cycles/{CycleId}?unit={Cell}", "secretary-cell"),
            ("CellSecretary:" + Cell, $"/web/meeting?cycle={CycleId}&cell={Cell}", "secretary-meeting"),
            ("Committee:" + Grassroots, $"/web/cycles/{CycleId}?unit={Grassroots}", "committee-progress"),
            ("Committee:" + Grassroots, $"/web/appraisal?cycle={CycleId}&unit={Grassroots}", "committee-appraisal"),
            ("OrganizationBoard:" + Board, "/web/cycles", "board-cycles"),
            ("OrganizationBoard:" + Board, $"/web/cycles/{CycleId}", "board-progress"),
            ("OrganizationBoard:" + Board, $"/web/cycles/{CycleId}/members/m01", "board-member"),
            ("OrganizationBoard:" + Board, $"/web/recognition?cycle={CycleId}&unit={Board}", "board-recognition"),
            ("OrganizationBoard:" + Board, "/web/roster/import", "board-roster-import"),
            ("OrganizationBoard:" + Board, $"/web/cycles/{CycleId}/finish", "board-finish"),
            ("Committee:" + Committee, $"/web/organization-ratings?cycle={CycleId}&unit={Committee}", "committee-organization-ratings"),
            ("Committee:" + Grassroots, $"/web/cell-levels?cycle={CycleId}&unit={Grassroots}", "committee-cell-levels"),
            ("Auditor:" + Board, $"/web/audit?cycle={CycleId}", "auditor-instances"),
            ("Auditor:" + Board, $"/web/audit/instance?id={Uri.EscapeDataString(CycleInstanceIds.Unit(CycleId, Cell))}", "auditor-timeline"),
        };
        var findings = new List<string>();
        foreach ((string persona, string path, string name) in pages)
        {
            foreach ((ViewportSize size, string width) in new[] { (new ViewportSize { Width = 1280, Height = 900 }, "desktop"), (new ViewportSize { Width = 390, Height = 844 }, "phone") })
            {
                IPage page = await host.SignInAsync(persona, size);
                await page.GotoAsync(host.Url(path));
                Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
                string text = await page.EvaluateAsync<string>("""
                    () => {
                      document.querySelectorAll('.raw').forEach(e => e.style.display = 'none');
                      return document.body.innerText;
                    }
                    """);
                foreach (Match id in RawId().Matches(text))
                {
                    findings.Add($"{name}: id '{id.Value}' in \"{Around(text, id.Index)}\"");
                }

                foreach (string word in EngineWords.Where(w => Regex.IsMatch(text, $@"(?<![\p{{L}}-]){Regex.Escape(w)}(?![\p{{L}}-])")))
                {
                    findings.Add($"{name}: '{word}' in \"{Around(text, text.IndexOf(word, StringComparison.Ordinal))}\"");
                }

                await page.EvaluateAsync("() => document.querySelectorAll('.raw').forEach(e => e.style.display = '')");
                await ShotAsync(page, $"40-{name}-{width}");
                await page.Context.CloseAsync();
            }
        }

        Assert.True(findings.Count == 0, string.Join("\n", findings.Distinct()));
    }

    private static string Around(string text, int at) => text.Substring(Math.Max(0, at - 30), Math.Min(70, text.Length - Math.Max(0, at - 30))).ReplaceLineEndings(" ");
}
