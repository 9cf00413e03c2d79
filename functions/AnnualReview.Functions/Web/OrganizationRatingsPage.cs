using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Idempotency;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Steps;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Web;

/// <summary>
/// A committee rates the organizations directly below it (committees their grassroots organizations, the board its
/// committees): each with its members' levels beside it. The checks are <see cref="OrganizationRatingStep"/>'s,
/// the API's own; the board's rating at the root is also how the cycle finishes (<see cref="CycleFinishPage"/>).
/// </summary>
public static class OrganizationRatingsPage
{
    private static readonly string[] Raters = [AppRoles.Committee, AppRoles.OrganizationBoard];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPage("GET", WebUi.Root + "/organization-ratings", Raters, r => ShowAsync(r, null, null));
        app.MapPage("POST", WebUi.Root + "/organization-ratings", Raters, PostAsync);
    }

    private static string Title(WebRequest r) => r.T("Xếp loại tổ chức trực thuộc", "Rate the organizations below");

    private static async Task<IResult> ShowAsync(WebRequest r, Dictionary<string, string>? values, StepRefusal? refusal)
    {
        string? unitId = r.Query("unit") ?? r.Caller.UnitId;
        CycleSummary? cycle = await r.Service<CycleDirectory>().PickAsync(r, unitId);
        if (cycle is null || unitId is null)
        {
            return Layout.Render(r, Title(r), Html.Of($"<p>{r.T("Chưa có đợt đánh giá nào.", "No cycle yet.")}</p>"));
        }

        (OrganizationRatingTarget? target, StepRefusal? denied) = await r.Service<OrganizationRatingStep>().FindAsync(r.Caller, cycle.CycleId, unitId, r.Cancellation);
        if (denied is not null)
        {
            return StepPageParts.Refused(r, Title(r), denied);
        }

        string action = $"{WebUi.Root}/organization-ratings?cycle={Uri.EscapeDataString(cycle.CycleId)}&unit={Uri.EscapeDataString(unitId)}";
        Raw form = await FormAsync(r, target!, action, values, refusal, heading: true);
        return Layout.Render(r, Title(r), form, refusal is null ? StatusCodes.Status200OK : refusal.Kind.Status);
    }

    private static async Task<IResult> PostAsync(WebRequest r)
    {
        Dictionary<string, string> values = await StepPageParts.FormAsync(r);
        string? unitId = r.Query("unit") ?? r.Caller.UnitId;
        string? cycleId = r.Query("cycle");
        if (unitId is null || cycleId is null)
        {
            return WebPage.NotFound(r, r.T("Không rõ đợt hoặc đơn vị.", "No cycle or unit named."));
        }

        StepRefusal? refusal = await RateAsync(r, cycleId, unitId, values);
        return refusal is null
            ? Results.Redirect($"{WebUi.Root}/organization-ratings?cycle={Uri.EscapeDataString(cycleId)}&unit={Uri.EscapeDataString(unitId)}&sent=1")
            : await ShowAsync(r, values, refusal);
    }

    /// <summary>Sends the form's levels ("level.{unitId}") through the shared step; a level left unchosen is not sent.</summary>
    internal static async Task<StepRefusal?> RateAsync(WebRequest r, string cycleId, string unitId, Dictionary<string, string> values)
    {
        var levels = values.Where(v => v.Key.StartsWith("level.", StringComparison.Ordinal) && v.Value.Length > 0)
            .ToDictionary(v => v.Key["level.".Length..], v => (string?)v.Value, StringComparer.Ordinal);
        (_, StepRefusal? refusal) = await r.Service<OrganizationRatingStep>().RateAsync(r.Caller, cycleId, unitId, levels, RequestKeys.FromForm(r.Http, values), r.Cancellation);
        return refusal;
    }

    /// <summary>The table of organizations below with a level each, and the button while the step is open.</summary>
    /// <param name="heading">Whether to open with the committee, the cycle and the step; the finish page has its own.</param>
    internal static async Task<Raw> FormAsync(WebRequest r, OrganizationRatingTarget target, string action, Dictionary<string, string>? values, StepRefusal? refusal, bool heading)
    {
        ArgumentNullException.ThrowIfNull(target);
        string cycleId = target.Cycle.Input.CycleId;
        Dictionary<string, RatingLevel> sent = await StepPageParts.SentLevelsAsync(r, cycleId, target.Committee.Id, EventNames.OrganizationsRated);
        var progress = (await r.Service<ReadModelStore>().ReadProgressAsync(cycleId, r.Cancellation)).ToDictionary(p => p.UnitId, StringComparer.Ordinal);
        string stage = target.Step?.Stage ?? "";
        Raw state = Html.Of($"<span id=\"rating-stage\" data-stage=\"{stage}\" data-open=\"{(target.Open ? "true" : "false")}\">{StageText(r, target)}</span>");
        var body = heading
            ? new Html().Add($"<p>{target.Committee.Name} · <span title=\"{cycleId}\">{Labels.Cycle(r, target.Cycle.Input.Year, null)}</span> · {state}</p>")
            : new Html().Add($"<p>{r.T("Bước hiện tại", "Where it stands")}: {state}</p>");
        if (r.Query("sent") is not null && refusal is null)
        {
            body.Add($"<p class=\"notice\" role=\"status\" id=\"sent\">{r.T("Đã gửi mức xếp loại các tổ chức.", "The organizations' levels were sent.")}</p>");
        }

        if (refusal is not null)
        {
            body.Add(StepPageParts.Refusal(r, refusal, r.T("Chưa gửi được", "Not sent")));
        }

        if (target.Below.Count == 0)
        {
            return body.Add($"<p class=\"muted\">{r.T("Không có tổ chức trực thuộc.", "No organizations below.")}</p>").ToRaw();
        }

        body.Add($"<form method=\"post\" action=\"{action}\" id=\"ratings-form\">{r.Antiforgery()}<input type=\"hidden\" name=\"{RequestKeys.FormField}\" value=\"{values?.GetValueOrDefault(RequestKeys.FormField) ?? RequestKeys.NewFormToken()}\">");
        body.Add($"<div class=\"table-wrap\"><table><thead><tr><th>{r.T("Tổ chức", "Organization")}</th><th>{r.T("Tiến độ, đảng viên theo mức", "Progress, members by level")}</th><th>{r.T("Xếp loại", "Level")}</th></tr></thead><tbody>");
        foreach (Unit unit in target.Below)
        {
            ProgressRow? row = progress.GetValueOrDefault(unit.Id);
            string levels = row is null ? r.T("chưa có", "none yet") : StepPageParts.LevelCounts(r, row.ByLevel.SelectMany(l => Enumerable.Repeat(l.Key, l.Value)));
            string? chosen = values?.GetValueOrDefault("level." + unit.Id) ?? (sent.TryGetValue(unit.Id, out RatingLevel level) ? level.ToString() : null);
            body.Add($"<tr data-unit=\"{unit.Id}\"><th scope=\"row\">{unit.Name}<br><span class=\"muted\">{Labels.Kind(r, unit.Kind)}</span></th><td>{Labels.UnitStage(r, row?.Stage ?? "")}<br><span class=\"muted\">{levels}</span></td>");
            body.Add($"<td>{StepPageParts.LevelSelect(r, "level-" + unit.Id, "level." + unit.Id, r.T("Xếp loại ", "Level of ") + unit.Name, chosen, target.Open)}</td></tr>");
        }

        body.Add($"</tbody></table></div>");
        if (target.Open)
        {
            body.Add($"<p><button type=\"submit\" id=\"rate\">{r.T("Gửi xếp loại", "Send the levels")}</button></p>");
        }

        return body.Add($"</form>").ToRaw();
    }

    private static string StageText(WebRequest r, OrganizationRatingTarget target) => target.Step switch
    {
        null => r.T("Chưa đến bước xếp loại tổ chức", "Not yet at rating the organizations"),
        { Stage: "rating-organizations", Running: true } => r.T("Đang xếp loại tổ chức trực thuộc", "Rating the organizations below"),
        { Stage: "decided" } => r.T("Đã xếp loại xong", "Rated"),
        { Stage: "closed" } => r.T("Đã khóa (quá hạn)", "Closed (past the deadline)"),
        _ => r.T("Chờ các tổ chức trực thuộc đánh giá xong đảng viên", "Waiting for the organizations below to rate their members"),
    };
}
