using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Idempotency;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Steps;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Web;

/// <summary>
/// The grassroots committee sets its cells' levels (xếp loại chi bộ) during the appraisal: each cell with its
/// members' proposed levels beside it, as the basis. The checks are <see cref="CellLevelsStep"/>'s, which the
/// appraisal API uses for the same levels.
/// </summary>
public static class CellLevelsPage
{
    private static readonly string[] Committees = [AppRoles.Committee];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPage("GET", WebUi.Root + "/cell-levels", Committees, r => ShowAsync(r, null, null));
        app.MapPage("POST", WebUi.Root + "/cell-levels", Committees, PostAsync);
    }

    private static string Title(WebRequest r) => r.T("Xếp loại chi bộ trực thuộc", "Rate the cells");

    private static async Task<IResult> ShowAsync(WebRequest r, Dictionary<string, string>? values, StepRefusal? refusal)
    {
        string? unitId = r.Query("unit") ?? r.Caller.UnitId;
        CycleSummary? cycle = await r.Service<CycleDirectory>().PickAsync(r, unitId);
        if (cycle is null || unitId is null)
        {
            return Layout.Render(r, Title(r), Html.Of($"<p>{r.T("Chưa có đợt đánh giá nào.", "No cycle yet.")}</p>"));
        }

        (CellLevelsTarget? target, StepRefusal? denied) = await r.Service<CellLevelsStep>().FindAsync(r.Caller, cycle.CycleId, unitId, r.Cancellation);
        if (denied is not null)
        {
            return StepPageParts.Refused(r, Title(r), denied);
        }

        return Layout.Render(r, Title(r), await FormAsync(r, target!, values, refusal), refusal is null ? StatusCodes.Status200OK : refusal.Kind.Status);
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

        var levels = values.Where(v => v.Key.StartsWith("level.", StringComparison.Ordinal) && v.Value.Length > 0)
            .ToDictionary(v => v.Key["level.".Length..], v => (string?)v.Value, StringComparer.Ordinal);
        // Every conclusion box is sent, so clearing one takes the conclusion back.
        var conclusions = values.Where(v => v.Key.StartsWith("conclusion.", StringComparison.Ordinal))
            .ToDictionary(v => v.Key["conclusion.".Length..], v => (string?)v.Value, StringComparer.Ordinal);
        (_, StepRefusal? refusal) = await r.Service<CellLevelsStep>().SetAsync(r.Caller, cycleId, unitId, levels, conclusions, RequestKeys.FromForm(r.Http, values), r.Cancellation);
        return refusal is null
            ? Results.Redirect($"{WebUi.Root}/cell-levels?cycle={Uri.EscapeDataString(cycleId)}&unit={Uri.EscapeDataString(unitId)}&sent=1")
            : await ShowAsync(r, values, refusal);
    }

    /// <summary>Before the appraisal the organization's orchestration has no stage yet: its cells are still at work.</summary>
    private static string StageText(WebRequest r, CellLevelsTarget target) => target switch
    {
        { Open: true } => r.T("Đang thẩm định: đặt mức cho các chi bộ trước khi hoàn tất", "Appraisal open: set the cells' levels before finalizing"),
        { Step: null } or { Step.Stage: null } => r.T("Chưa đến bước thẩm định", "Not yet at the appraisal"),
        _ => Labels.UnitStage(r, target.Step?.Stage),
    };

    private static async Task<Raw> FormAsync(WebRequest r, CellLevelsTarget target, Dictionary<string, string>? values, StepRefusal? refusal)
    {
        string cycleId = target.Cycle.Input.CycleId;
        // One read of the history gives both: the levels and the conclusions (an empty one took an earlier one back).
        List<AppraisalSubmitted> appraisals = await StepPageParts.SentAsync<AppraisalSubmitted>(r, cycleId, target.Organization.Id, EventNames.Appraisal);
        Dictionary<string, RatingLevel> sent = StepPageParts.LastWins(appraisals.Select(a => a.CellLevels));
        Dictionary<string, string> concluded = StepPageParts.LastWins(appraisals.Select(a => a.CellConclusions));
        string stage = target.Step?.Stage ?? "";
        var body = new Html().Add($"<p>{target.Organization.Name} · <span title=\"{cycleId}\">{Labels.Cycle(r, target.Cycle.Input.Year, null)}</span> · <span id=\"cells-stage\" data-open=\"{(target.Open ? "true" : "false")}\">{StageText(r, target)}</span></p>");
        if (r.Query("sent") is not null && refusal is null)
        {
            body.Add($"<p class=\"notice\" role=\"status\" id=\"sent\">{r.T("Đã gửi mức xếp loại các chi bộ.", "The cells' levels were sent.")}</p>");
        }

        if (refusal is not null)
        {
            body.Add(StepPageParts.Refusal(r, refusal, r.T("Chưa gửi được", "Not sent")));
        }

        if (target.Step?.Stage is null)
        {
            body.Add($"<p class=\"muted\" id=\"not-yet\">{r.T("Các chi bộ chưa họp xong; trang này mở khi bắt đầu thẩm định.", "The cells have not finished their meetings; this opens with the appraisal.")}</p>");
        }

        string query = $"cycle={Uri.EscapeDataString(cycleId)}&unit={Uri.EscapeDataString(target.Organization.Id)}";
        body.Add($"<form method=\"post\" action=\"{WebUi.Root}/cell-levels?{query}\" id=\"cells-form\">{r.Antiforgery()}<input type=\"hidden\" name=\"{RequestKeys.FormField}\" value=\"{values?.GetValueOrDefault(RequestKeys.FormField) ?? RequestKeys.NewFormToken()}\">");
        body.Add($"<div class=\"table-wrap\"><table><thead><tr><th>{r.T("Chi bộ", "Cell")}</th><th>{r.T("Đảng viên theo mức chi bộ đề xuất", "Members by the cell's proposed level")}</th><th>{r.T("Xếp loại chi bộ, kết luận của cấp ủy", "Cell's level, the committee's conclusion")}</th></tr></thead><tbody>");
        ReadModelStore reads = r.Service<ReadModelStore>();
        foreach (Unit cell in target.Cells)
        {
            List<MemberResult> members = await reads.ReadMemberStagesAsync(cycleId, cell.Id, r.Cancellation);
            string proposed = StepPageParts.LevelCounts(r, members.Where(m => m.Proposed is not null).Select(m => m.Final ?? m.Proposed!.Value));
            string? chosen = values?.GetValueOrDefault("level." + cell.Id) ?? (sent.TryGetValue(cell.Id, out RatingLevel level) ? level.ToString() : null);
            string conclusion = values?.GetValueOrDefault("conclusion." + cell.Id) ?? concluded.GetValueOrDefault(cell.Id) ?? "";
            body.Add($"<tr data-cell=\"{cell.Id}\"><th scope=\"row\">{cell.Name}</th><td>{proposed}</td><td>{StepPageParts.LevelSelect(r, "level-" + cell.Id, "level." + cell.Id, r.T("Xếp loại ", "Level of ") + cell.Name, chosen, target.Open)}"
                + $"<label for=\"conclusion-{cell.Id}\">{r.T("Hạn chế, khuyết điểm cần khắc phục (không bắt buộc)", "Shortcomings to fix (optional)")}<span class=\"sr\"> — {cell.Name}</span></label><textarea id=\"conclusion-{cell.Id}\" name=\"conclusion.{cell.Id}\" rows=\"2\" maxlength=\"{CellLevelsStep.MaxConclusionLength}\"{(target.Open ? Raw.Empty : new Raw(" disabled"))}>{conclusion}</textarea></td></tr>");
        }

        body.Add($"</tbody></table></div>");
        if (target.Open)
        {
            body.Add($"<p><button type=\"submit\" id=\"set-levels\">{r.T("Gửi xếp loại chi bộ", "Send the cells' levels")}</button> <a href=\"{WebUi.Root}/appraisal?{query}\">{r.T("Về thẩm định đảng viên", "Back to the members' appraisal")}</a></p>");
        }

        return body.Add($"</form>").ToRaw();
    }
}
