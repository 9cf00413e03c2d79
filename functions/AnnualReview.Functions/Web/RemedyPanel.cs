using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Functions.Web;

/// <summary>
/// The dashboard's "Khắc phục hạn chế năm trước": per unit below, how many of last year's shortcomings the members
/// report fixed, partly fixed and not fixed. Counted from the submissions on each view, so a unit larger than a
/// page's worth of members is sent to the units below it.
/// </summary>
internal static class RemedyPanel
{
    /// <summary>Above this the count would slow the dashboard; the API counts up to <see cref="RemedyReport.MaxMembers"/>.</summary>
    private const int MaxMembers = 1_000;

    public static async Task<Raw> RenderAsync(WebRequest r, CycleInput cycle, Unit unit)
        => Markup(r.T, await r.Service<RemedyReport>().ForAsync(cycle, unit, r.English, r.Cancellation, MaxMembers));

    /// <summary>The panel for a report, or for a unit too large to count (null); <paramref name="t"/> picks the language.</summary>
    internal static Raw Markup(Func<string, string, string> t, RemedyReportView? report)
    {
        ArgumentNullException.ThrowIfNull(t);
        var html = new Html().Add($"<h2>{t("Khắc phục hạn chế năm trước", "Last year's shortcomings fixed")}</h2>");
        if (report is null)
        {
            return html.Add($"<p class=\"muted\" id=\"remedies-large\">{t("Đơn vị lớn: hãy xem từng đơn vị cấp dưới.", "A large unit: look at the units below it.")}</p>").ToRaw();
        }

        if (report.FirstCycle)
        {
            return html.Add($"<p class=\"muted\" id=\"remedies-first\">{report.Note}</p>").ToRaw();
        }

        html.Add($"<div class=\"table-wrap\"><table id=\"remedies\"><thead><tr><th>{t("Đơn vị", "Unit")}</th><th>{t("Đã khắc phục", "Fixed")}</th><th>{t("Một phần", "Partly")}</th><th>{t("Chưa", "Not fixed")}</th><th>{t("Tổng số", "Total")}</th><th>{t("Đảng viên chưa nộp", "Members not in yet")}</th><th>{t("Hạn chế của tổ chức: đã khắc phục / tổng số", "The organizations' own: fixed / total")}</th></tr></thead><tbody>");
        foreach (UnitRemedyRow row in report.Units)
        {
            html.Add($"<tr data-unit=\"{row.UnitId}\"><td>{row.UnitName}</td><td class=\"num\">{row.Fixed}</td><td class=\"num\">{row.PartlyFixed}</td><td class=\"num\">{row.NotFixed}</td><td class=\"num\">{row.Total}</td><td class=\"num\">{row.Awaiting}</td><td class=\"num\" data-own=\"{row.Organizations.Fixed}/{row.Organizations.Total}\">{(row.Organizations.Total == 0 ? "—" : $"{row.Organizations.Fixed} / {row.Organizations.Total}")}</td></tr>");
        }

        string query = $"cycle={Uri.EscapeDataString(report.CycleId)}&unit={Uri.EscapeDataString(report.UnitId)}";
        return html.Add($"</tbody></table></div><p id=\"remedies-files\">{t("Tải bảng", "Download the table")}: <a href=\"{WebUi.Root}/remedies?{query}&format=csv\">CSV</a> · <a href=\"{WebUi.Root}/remedies?{query}&format=xlsx\">XLSX</a></p>").ToRaw();
    }

    /// <summary>The table as a file, through the API's own handler and checks.</summary>
    public static void Map(IEndpointRouteBuilder app)
        => app.MapPage("GET", WebUi.Root + "/remedies", Api.Reviews.ReviewAccess.Readers,
            r => r.Service<Api.Reviews.RemedyEndpoints>().ReadAsync(r.Http, r.Query("cycle") ?? "", r.Query("unit") ?? "", r.Query("format") ?? Api.Cycles.CycleReports.Csv));
}
