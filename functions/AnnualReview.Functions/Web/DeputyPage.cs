using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Idempotency;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Steps;

namespace AnnualReview.Functions.Web;

/// <summary>
/// Journey 3, a late cell: once its meeting was escalated, the committee above names one of the cell's full members
/// (the deputy secretary) to record it. Reached from the late list of the progress page. The checks are
/// <see cref="DeputyStep"/>'s, which the API uses for the same request.
/// </summary>
public static class DeputyPage
{
    private static readonly string[] Committees = [AppRoles.Committee, AppRoles.Admin];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPage("GET", WebUi.Root + "/deputy", Committees, r => ShowAsync(r, null, null));
        app.MapPage("POST", WebUi.Root + "/deputy", Committees, PostAsync);
    }

    /// <summary>The link the late list shows a committee for a cell whose meeting was escalated.</summary>
    public static string Link(string cycleId, string cellId)
        => $"{WebUi.Root}/deputy?cycle={Uri.EscapeDataString(cycleId)}&cell={Uri.EscapeDataString(cellId)}";

    private static string Title(WebRequest r) => r.T("Giao người ghi biên bản họp thay bí thư", "Name a deputy to record the meeting");

    private static async Task<IResult> ShowAsync(WebRequest r, string? chosen, StepRefusal? refusal)
    {
        if (r.Query("cycle") is not { } cycleId || r.Query("cell") is not { } cellId)
        {
            return WebPage.NotFound(r, r.T("Không rõ đợt hoặc chi bộ.", "No cycle or cell named."));
        }

        (DeputyTarget? target, StepRefusal? denied) = await r.Service<DeputyStep>().FindAsync(r.Caller, cycleId, cellId, r.Cancellation);
        return denied is not null
            ? StepPageParts.Refused(r, Title(r), denied)
            : Layout.Render(r, Title(r), Form(r, target!, chosen, refusal), refusal is null ? StatusCodes.Status200OK : refusal.Kind.Status);
    }

    private static async Task<IResult> PostAsync(WebRequest r)
    {
        Dictionary<string, string> values = await StepPageParts.FormAsync(r);
        if (r.Query("cycle") is not { } cycleId || r.Query("cell") is not { } cellId)
        {
            return WebPage.NotFound(r, r.T("Không rõ đợt hoặc chi bộ.", "No cycle or cell named."));
        }

        string? memberId = values.GetValueOrDefault("memberId");
        (_, StepRefusal? refusal) = await r.Service<DeputyStep>().AssignAsync(r.Caller, cycleId, cellId, memberId, RequestKeys.FromForm(r.Http, values), r.Cancellation);
        return refusal is null ? Results.Redirect(Link(cycleId, cellId) + "&named=1") : await ShowAsync(r, memberId, refusal);
    }

    private static Raw Form(WebRequest r, DeputyTarget target, string? chosen, StepRefusal? refusal)
    {
        string cycleId = target.Cycle.Input.CycleId;
        Member? deputy = target.Members.FirstOrDefault(m => m.Id == target.Deputy);
        var body = new Html().Add($"<p>{target.Cell.Name} · <span title=\"{cycleId}\">{Labels.Cycle(r, target.Cycle.Input.Year, null)}</span> · <span id=\"deputy-state\" data-open=\"{(target.Open ? "true" : "false")}\">{State(r, target)}</span></p>");
        if (r.Query("named") is not null && refusal is null && deputy is not null)
        {
            body.Add($"<p class=\"notice\" role=\"status\" id=\"named\">{r.T($"Đã giao đồng chí {deputy.FullName} ghi biên bản họp. Đồng chí ấy nhận được thông báo và mở được trang họp chi bộ.", $"{deputy.FullName} was named to record the meeting, has been notified and can open the cell's meeting page.")}</p>");
        }

        if (refusal is not null)
        {
            body.Add(StepPageParts.Refusal(r, refusal, r.T("Chưa giao được", "Not named")));
        }

        if (deputy is not null)
        {
            body.Add($"<p id=\"current-deputy\">{r.T("Người đang được giao", "Named now")}: <strong>{deputy.FullName}</strong></p>");
        }

        body.Add($"<p class=\"muted\">{r.T("Bí thư chi bộ vắng, cuộc họp kiểm điểm đã quá hạn. Cấp ủy giao một đảng viên chính thức của chi bộ (thường là phó bí thư) chủ trì, nộp báo cáo kiểm điểm tập thể và ghi biên bản họp. Những gì đảng viên đã nộp vẫn được giữ nguyên.", "The secretary is away and the review meeting is overdue. The committee names a full member of the cell (usually the deputy secretary) to chair it, submit the collective review and record the meeting. Everything the members submitted is kept.")}</p>");
        if (!target.Open)
        {
            return body.ToRaw();
        }

        string query = $"cycle={Uri.EscapeDataString(cycleId)}&cell={Uri.EscapeDataString(target.Cell.Id)}";
        body.Add($"<form method=\"post\" action=\"{WebUi.Root}/deputy?{query}\" id=\"deputy-form\">{r.Antiforgery()}<input type=\"hidden\" name=\"{RequestKeys.FormField}\" value=\"{RequestKeys.NewFormToken()}\">");
        body.Add($"<label for=\"deputy-member\">{r.T("Đảng viên được giao", "Member to name")}</label><select id=\"deputy-member\" name=\"memberId\"><option value=\"\">{r.T("— chọn đảng viên —", "— choose a member —")}</option>");
        foreach (Member m in target.Members.Where(DeputyStep.Eligible))
        {
            string label = m.LeadershipPost is { Length: > 0 } post ? $"{m.FullName} — {post}" : m.FullName;
            body.Add(m.Id == (chosen ?? target.Deputy) ? Html.Of($"<option value=\"{m.Id}\" selected>{label}</option>") : Html.Of($"<option value=\"{m.Id}\">{label}</option>"));
        }

        return body.Add($"</select><p><button type=\"submit\" id=\"name-deputy\">{r.T("Giao ghi biên bản", "Name the deputy")}</button></p></form>").ToRaw();
    }

    private static string State(WebRequest r, DeputyTarget target) => target switch
    {
        { Open: true } => r.T("Cuộc họp đã quá hạn và được báo cáo lên: có thể giao người ghi biên bản thay", "The meeting is overdue and was escalated: a deputy may be named"),
        { Step: { Running: true, Stage: "self-review" or "meeting" } } => r.T("Cuộc họp chưa quá hạn và chưa được báo cáo lên cấp ủy", "The meeting is not overdue and has not been escalated"),
        _ => Labels.UnitStage(r, target.Step?.Stage),
    };
}
