using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Api.Cycles;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Steps;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;
using Microsoft.DurableTask.Client;

namespace AnnualReview.Functions.Web;

/// <summary>
/// The board finishes the cycle: it rates the committees directly below the cycle's root (the last step, through
/// the same <see cref="OrganizationRatingStep"/> as the API), the cycle writes its final report, and the page shows
/// the totals and the report's files. The files come from the API's own report reader.
/// </summary>
public static class CycleFinishPage
{
    private static readonly string[] Board = [AppRoles.OrganizationBoard];
    private static readonly string[] ReportReaders = [AppRoles.OrganizationBoard, AppRoles.Committee, AppRoles.Auditor];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPage("GET", WebUi.Root + "/finish", Board, LatestAsync);
        app.MapGet(WebUi.Root + "/cycles/{cycleId}/finish", (HttpContext http, string cycleId) => WebPage.RunAsync(http, Board, r => ShowAsync(r, cycleId, null, null)));
        app.MapPost(WebUi.Root + "/cycles/{cycleId}/finish", (HttpContext http, string cycleId) => WebPage.RunAsync(http, Board, r => PostAsync(r, cycleId)));
        foreach (string format in new[] { CycleReports.Csv, CycleReports.Xlsx })
        {
            app.MapGet(WebUi.Root + "/cycles/{cycleId}/report." + format, (HttpContext http, string cycleId) => WebPage.RunAsync(http, ReportReaders,
                r => r.Service<CycleReports>().DownloadAsync(r.Http, cycleId, r.Query("unit") ?? r.Caller.UnitId ?? "", format, r.Cancellation)));
        }
    }

    private static string Title(WebRequest r) => r.T("Kết thúc đợt và báo cáo cuối", "Finish the cycle and the final report");

    /// <summary>The board's latest cycle, so the navigation can link here without naming one.</summary>
    private static async Task<IResult> LatestAsync(WebRequest r)
    {
        CycleSummary? cycle = await r.Service<CycleDirectory>().PickAsync(r, r.Caller.UnitId);
        return cycle is null
            ? Layout.Render(r, Title(r), Html.Of($"<p>{r.T("Chưa có đợt đánh giá nào.", "No cycle yet.")}</p>"))
            : Results.Redirect($"{WebUi.Root}/cycles/{Uri.EscapeDataString(cycle.CycleId)}/finish");
    }

    private static async Task<IResult> ShowAsync(WebRequest r, string cycleId, Dictionary<string, string>? values, StepRefusal? refusal)
    {
        CycleSummary? cycle = await r.Service<CycleDirectory>().GetAsync(cycleId, r.Cancellation);
        if (cycle is null)
        {
            return WebPage.NotFound(r, r.T("Không có đợt kiểm điểm này.", "There is no such cycle."));
        }

        string rootId = cycle.Input.RootUnitId;
        (OrganizationRatingTarget? target, StepRefusal? denied) = await r.Service<OrganizationRatingStep>().FindAsync(r.Caller, cycleId, rootId, r.Cancellation);
        if (denied is not null)
        {
            return StepPageParts.Refused(r, Title(r), denied);
        }

        bool completed = cycle.Status == OrchestrationRuntimeStatus.Completed;
        var body = new Html().Add($"<p><span title=\"{cycleId}\">{Labels.Cycle(r, cycle.Input.Year, target!.Committee.Name)}</span> · <span id=\"cycle-status\" data-completed=\"{(completed ? "true" : "false")}\">{Labels.Status(r, cycle.Status)}</span></p>");
        if (completed)
        {
            body.Add(await FinalReportAsync(r, cycle, target));
        }
        else
        {
            body.Add($"<p>{r.T("Đợt kết thúc khi Ban tổ chức xếp loại các tổ chức trực thuộc; khi đó báo cáo cuối cùng được lập.", "The cycle finishes when the board rates the organizations directly below it; the final report is then written.")}</p>");
            body.Add(await OrganizationRatingsPage.FormAsync(r, target, $"{WebUi.Root}/cycles/{Uri.EscapeDataString(cycleId)}/finish", values, refusal, heading: false));
        }

        return Layout.Render(r, Title(r), body.ToRaw(), refusal is null ? StatusCodes.Status200OK : refusal.Kind.Status);
    }

    private static async Task<IResult> PostAsync(WebRequest r, string cycleId)
    {
        Dictionary<string, string> values = await StepPageParts.FormAsync(r);
        CycleSummary? cycle = await r.Service<CycleDirectory>().GetAsync(cycleId, r.Cancellation);
        if (cycle is null)
        {
            return WebPage.NotFound(r, r.T("Không có đợt kiểm điểm này.", "There is no such cycle."));
        }

        StepRefusal? refusal = await OrganizationRatingsPage.RateAsync(r, cycleId, cycle.Input.RootUnitId, values);
        return refusal is null
            ? Results.Redirect($"{WebUi.Root}/cycles/{Uri.EscapeDataString(cycleId)}/finish?sent=1")
            : await ShowAsync(r, cycleId, values, refusal);
    }

    private static async Task<Raw> FinalReportAsync(WebRequest r, CycleSummary cycle, OrganizationRatingTarget target)
    {
        string cycleId = cycle.CycleId;
        List<ProgressRow> progress = await r.Service<ReadModelStore>().ReadProgressAsync(cycleId, r.Cancellation);
        ProgressRow? root = progress.FirstOrDefault(p => p.UnitId == target.Committee.Id);
        Dictionary<string, RatingLevel> rated = await StepPageParts.SentLevelsAsync(r, cycleId, target.Committee.Id, EventNames.OrganizationsRated);
        var body = new Html().Add($"<section id=\"final-report\"><h2>{r.T("Báo cáo cuối cùng", "Final report")}</h2>");
        body.Add($"<p id=\"member-totals\">{r.T("Đảng viên", "Members")}: {root?.Members ?? 0} — {StepPageParts.LevelCounts(r, (root?.ByLevel ?? new Dictionary<RatingLevel, int>()).SelectMany(l => Enumerable.Repeat(l.Key, l.Value)))}</p>");
        if (root is not null)
        {
            body.Add($"<p class=\"muted\">{r.T("Không nộp", "Not submitted")}: {root.ByStage.GetValueOrDefault(MemberStage.NotSubmitted)} · {r.T("Không xếp loại", "Not rated")}: {root.ByStage.GetValueOrDefault(MemberStage.NotRated)}</p>");
        }

        body.Add($"<div class=\"table-wrap\"><table id=\"organization-levels\"><thead><tr><th>{r.T("Tổ chức trực thuộc", "Organization below")}</th><th>{r.T("Xếp loại", "Level")}</th></tr></thead><tbody>");
        foreach (Unit unit in target.Below)
        {
            body.Add($"<tr data-unit=\"{unit.Id}\"><th scope=\"row\">{unit.Name}</th><td>{(rated.TryGetValue(unit.Id, out RatingLevel level) ? r.Level(level) : r.T("Chưa xếp loại", "Not rated"))}</td></tr>");
        }

        string files = $"{WebUi.Root}/cycles/{Uri.EscapeDataString(cycleId)}/report";
        string unitQuery = "?unit=" + Uri.EscapeDataString(target.Committee.Id);
        return body.Add($"""
            </tbody></table></div>
            <p><a class="button" id="report-csv" href="{files}.csv{unitQuery}" download>{r.T("Tải báo cáo (CSV)", "Download the report (CSV)")}</a>
            <a class="button secondary" id="report-xlsx" href="{files}.xlsx{unitQuery}" download>{r.T("Tải báo cáo (Excel)", "Download the report (Excel)")}</a></p>
            </section>
            """).ToRaw();
    }
}
