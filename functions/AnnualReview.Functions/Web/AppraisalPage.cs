using AnnualReview.TaskHub.History;
using AnnualReview.Workflows;
using System.Text.Json;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rating;
using AnnualReview.Assessment.Rules;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Rules;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Web;

/// <summary>
/// The grassroots committee's appraisal table: each member's self-rated level, the cell's proposal with its tally,
/// the decision and its reason, the last four years beside them; a quota meter per group with the guidance when it
/// is broken; finalize, which is refused here (naming the groups) while the quota is broken, as the workflow would.
/// </summary>
public static class AppraisalPage
{
    private static readonly string[] Committees = [AppRoles.Committee];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPage("GET", WebUi.Root + "/appraisal", Committees, r => ShowAsync(r, null, [], null));
        app.MapPage("POST", WebUi.Root + "/appraisal", Committees, PostAsync);
    }

    private sealed record Row(Member Member, MemberResult Result, RatingLevel Current, string? Reason);

    private sealed record View(Unit Unit, CycleSummary Cycle, RuleSet Rules, List<Row> Rows, List<Unit> Cells, JsonElement? Status, bool Open);

    private static async Task<(View? View, IResult? Other)> LoadAsync(WebRequest r)
    {
        string? unitId = r.Query("unit") ?? r.Caller.UnitId;
        RosterStore roster = r.Service<RosterStore>();
        Unit? unit = unitId is null ? null : await roster.GetUnitAsync(unitId, r.Cancellation);
        if (unit is null || !await r.CoversAsync(unit.Id))
        {
            return (null, WebPage.Forbidden(r));
        }

        CycleSummary? cycle = await r.Service<CycleDirectory>().PickAsync(r, unit.Id);
        if (cycle is null)
        {
            return (null, Layout.Render(r, r.T("Thẩm định", "Appraisal"), Html.Of($"<p>{r.T("Chưa có đợt đánh giá nào.", "No cycle yet.")}</p>")));
        }

        if (unit.Kind != UnitKind.GrassrootsOrganization)
        {
            return (null, await ChooseAsync(r, cycle, unit));
        }

        var client = r.Service<DurableTaskClient>();
        string instanceId = CycleInstanceIds.Unit(cycle.CycleId, unit.Id);
        OrchestrationMetadata? instance = await client.GetInstanceAsync(instanceId, cancellation: r.Cancellation);
        JsonElement? status = instance?.SerializedCustomStatus is { } json ? JsonDocument.Parse(json).RootElement.Clone() : null;
        Dictionary<string, MemberDecision> decided = await DecisionsAsync(r.Service<HistoryReader>(), instanceId, r.Cancellation);
        List<Unit> cells = [.. (await roster.GetChildrenAsync(unit.Id, r.Cancellation)).Where(c => c.Kind == UnitKind.Cell).OrderBy(c => c.Id, StringComparer.Ordinal)];
        var rows = new List<Row>();
        ReadModelStore reads = r.Service<ReadModelStore>();
        foreach (Unit cell in cells)
        {
            var members = (await roster.GetCellMembersAsync(cell.Id, r.Cancellation)).ToDictionary(m => m.Id, StringComparer.Ordinal);
            foreach (MemberResult result in (await reads.ReadMemberStagesAsync(cycle.CycleId, cell.Id, r.Cancellation)).Where(m => m.Proposed is not null).OrderBy(m => m.MemberId, StringComparer.Ordinal))
            {
                if (members.TryGetValue(result.MemberId, out Member? member))
                {
                    MemberDecision? decision = decided.GetValueOrDefault(result.MemberId);
                    rows.Add(new Row(member, result, result.Final ?? decision?.Level ?? result.Proposed!.Value, decision?.Reason ?? result.Reason));
                }
            }
        }

        bool open = instance?.RuntimeStatus == OrchestrationRuntimeStatus.Running && status?.GetProperty("stage").GetString() == "appraisal";
        return (new View(unit, cycle, CycleRules.For(cycle.Input.RuleSetId).RuleSet, rows, cells, status, open), null);
    }

    /// <summary>The decisions the history holds, replayed in order as the workflow applies them (a batch with a change and no reason is refused whole).</summary>
    private static async Task<Dictionary<string, MemberDecision>> DecisionsAsync(HistoryReader history, string instanceId, CancellationToken cancellation)
    {
        var decided = new Dictionary<string, MemberDecision>(StringComparer.Ordinal);
        foreach (HistoryRecord e in (await history.ReadAsync(instanceId, 0, cancellation)).Where(e => e.EventType == "EventRaised" && e.Name == EventNames.Appraisal))
        {
            if (WorkflowJson.Deserialize<AppraisalSubmitted>(e.Payload) is { } appraisal)
            {
                foreach (MemberDecision d in appraisal.Decisions)
                {
                    decided[d.MemberId] = d;
                }
            }
        }

        return decided;
    }

    private static async Task<IResult> ChooseAsync(WebRequest r, CycleSummary cycle, Unit unit)
    {
        var tree = await ProgressTree.LoadLiveAsync(r.Service<ReadModelStore>(), r.Service<RosterStore>(), r.Service<Microsoft.DurableTask.Client.DurableTaskClient>(), cycle.CycleId, r.Cancellation);
        var body = new Html().Add($"<p>{r.T("Chọn tổ chức cơ sở đảng để thẩm định:", "Choose the grassroots organization to appraise:")}</p><ul>");
        foreach (ProgressRow row in (await r.Service<ReadModelStore>().ReadProgressAsync(cycle.CycleId, r.Cancellation))
            .Where(p => p.Kind == UnitKind.GrassrootsOrganization && tree.Contains(unit.Id, p.UnitId)).OrderBy(p => p.UnitName, StringComparer.CurrentCulture))
        {
            body.Add($"<li><a href=\"{WebUi.Root}/appraisal?cycle={Uri.EscapeDataString(cycle.CycleId)}&amp;unit={Uri.EscapeDataString(row.UnitId)}\">{row.UnitName}</a> — {Labels.UnitStage(r, row.Stage)}</li>");
        }

        return Layout.Render(r, r.T("Thẩm định", "Appraisal"), body.Add($"</ul>").ToRaw());
    }

    private static async Task<IResult> ShowAsync(WebRequest r, Dictionary<string, string>? values, IReadOnlyList<ValidationError> errors, string? refusal)
    {
        var (view, other) = await LoadAsync(r);
        return view is null ? other! : await RenderAsync(r, view, values, errors, refusal);
    }

    private static async Task<IResult> RenderAsync(WebRequest r, View v, Dictionary<string, string>? values, IReadOnlyList<ValidationError> errors, string? refusal)
    {
        decimal share = v.Rules.Quota.ShareFor(false);
        var levels = v.Rows.ToDictionary(x => x.Member.Id, x => values is not null && Enum.TryParse(values.GetValueOrDefault("d." + x.Member.Id), out RatingLevel l) ? l : x.Current, StringComparer.Ordinal);
        QuotaReport quota = QuotaCheck.Check(v.Rows.Select(x => (x.Member.Id, x.Result.QuotaGroup, levels[x.Member.Id])), v.Rules);
        string stage = v.Status?.GetProperty("stage").GetString() ?? "";
        bool finalized = v.Status?.GetProperty("finalized").GetBoolean() ?? false;
        DateTime due = (await r.PlansForAsync(v.Cycle.Input, v.Unit.Id)).GrassrootsDecision.Due;
        var body = new Html().Add($"<p>{v.Unit.Name} · <span title=\"{v.Cycle.CycleId}\">{Labels.Cycle(r, v.Cycle.Input.Year, null)}</span> · {r.T("Hạn", "Due")} {r.Due(due)} · <span id=\"appraisal-stage\" data-stage=\"{stage}\" data-finalized=\"{(finalized ? "true" : "false")}\">{Labels.UnitStage(r, stage)}{(finalized ? " · " + r.T("đã hoàn tất", "finalized") : "")}</span></p>");
        body.Add(DocumentDownloads.ForOrganization(r, v.Cycle.CycleId, v.Unit.Id));
        if (r.Query("sent") is { } sent)
        {
            body.Add($"<p class=\"notice\" role=\"status\" id=\"sent\">{(sent == "finalize" ? r.T("Đã gửi quyết định hoàn tất.", "The final decision was sent.") : r.T("Đã lưu các quyết định.", "The decisions were saved."))}</p>");
        }

        if (refusal is not null)
        {
            body.Add($"<div class=\"warning\" role=\"alert\" id=\"refused\"><p><strong>{r.T("Chưa hoàn tất được", "Not finalized")}</strong>: {refusal}</p></div>");
        }

        if (v.Status?.GetProperty("refusal").GetString() is { } workflowRefusal)
        {
            body.Add($"<p class=\"warning\" id=\"workflow-refusal\">{r.T("Hệ thống đã từ chối lần gửi trước", "The workflow refused the last submission")}: {workflowRefusal}</p>");
        }

        body.Add($"<h2>{r.T("Tỷ lệ Hoàn thành xuất sắc theo nhóm", "Excellent quota per group")}</h2><p class=\"muted\">{r.T($"Số Hoàn thành xuất sắc không quá {share:P0} số Hoàn thành tốt của nhóm.", $"Excellent may not exceed {share:P0} of the group's Good.")}</p><ul class=\"meters\">");
        RosterStore roster = r.Service<RosterStore>();
        foreach (QuotaGroupResult g in quota.Groups)
        {
            string label = await QuotaGroupLabel(r, roster, g.Group);
            int move = Math.Max(0, g.ExcellentCount - g.MaxExcellent);

            // One sentence a committee can act on, with a meter; site.js rewrites the numbers as decisions change.
            body.Add($"""
                <li class="meter{(g.IsWithin ? "" : " broken")}" data-meter="{g.Group}"><strong>{label}</strong>:
                {r.T("Xuất sắc", "Excellent")} <span class="e">{g.ExcellentCount}</span> / {r.T("tối đa", "at most")} <span class="max">{g.MaxExcellent}</span>
                {r.T("của", "for")} <span class="good">{g.GoodCount}</span> {r.T("Hoàn thành tốt", "Good")}
                <meter min="0" max="{Math.Max(1, Math.Max(g.MaxExcellent, g.ExcellentCount))}" low="{g.MaxExcellent}" high="{g.MaxExcellent}" optimum="0" value="{g.ExcellentCount}" aria-label="{label}"></meter>
                <span class="move"{(move == 0 ? new Raw(" hidden") : Raw.Empty)}>— {r.T("chuyển ít nhất", "move at least")} <span class="n">{move}</span> {r.T("sang Hoàn thành tốt", "to Good")}</span></li>
                """);
        }

        body.Add($"</ul>");
        if (v.Rows.Count == 0)
        {
            body.Add($"<p class=\"muted\" id=\"no-proposals\">{r.T("Chưa có chi bộ nào đề xuất.", "No cell has proposed yet.")}</p>");
            return Layout.Render(r, r.T("Thẩm định và quyết định", "Appraisal and decision"), body.ToRaw());
        }

        string query = $"cycle={Uri.EscapeDataString(v.Cycle.CycleId)}&unit={Uri.EscapeDataString(v.Unit.Id)}";
        body.Add($"<form method=\"post\" action=\"{WebUi.Root}/appraisal?{query}\" id=\"appraisal-form\" data-share=\"{share}\">{r.Antiforgery()}");
        body.Add($"<div class=\"table-wrap\"><table><thead><tr><th>{r.T("Đảng viên", "Member")}</th><th>{r.T("Tự xếp loại", "Self-rated")}</th><th>{r.T("Chi bộ đề xuất (phiếu XS/T/HT/K)", "Cell's proposal (votes E/G/C/N)")}</th><th>{r.T("Quyết định", "Decision")}</th><th>{r.T("Lý do", "Reason")}</th><th>{r.T("4 năm trước", "Last 4 years")}</th></tr></thead><tbody>");
        IReadOnlyDictionary<string, Api.Reviews.MemberRemedy> remedies = await r.Service<Api.Reviews.RemedyResults>().ForManyAsync(v.Cycle.Input, [.. v.Rows.Select(x => x.Member.Id)], r.Cancellation);
        foreach (Row x in v.Rows)
        {
            RatingLevel proposed = x.Result.Proposed!.Value;
            Raw remedy = RemedyFigure.Of(r.T, remedies.GetValueOrDefault(x.Member.Id)?.Tally);
            RatingLevel level = levels[x.Member.Id];
            string tally = x.Result.Tally switch
            {
                { Points: { } p } => $"{p.TotalPoints.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} {r.T("điểm", "points")}",
                { } t => string.Join("/", Enum.GetValues<RatingLevel>().Select(l => t.Votes.GetValueOrDefault(l))),
                null => "",
            };
            string id = x.Member.Id;
            body.Add($"<tr data-group=\"{x.Result.QuotaGroup}\" data-proposed=\"{proposed}\" data-member=\"{id}\"{(level != proposed ? new Raw(" class=\"changed\"") : Raw.Empty)}><th scope=\"row\">{x.Member.FullName}</th><td>{r.Level(x.Result.SelfRating)}</td>");
            body.Add(level != proposed ? Html.Of($"<td><del>{r.Level(proposed)}</del> <span class=\"muted\">{tally}</span>{remedy}</td>") : Html.Of($"<td>{r.Level(proposed)} <span class=\"muted\">{tally}</span>{remedy}</td>"));
            body.Add($"<td><label for=\"d-{id}\" class=\"sr\">{r.T("Quyết định cho", "Decision for")} {x.Member.FullName}</label><select id=\"d-{id}\" name=\"d.{id}\"{(v.Open ? Raw.Empty : new Raw(" disabled"))}>");
            foreach (RatingLevel option in Enum.GetValues<RatingLevel>())
            {
                body.Add(option == level ? Html.Of($"<option value=\"{option}\" selected>{r.Level(option)}</option>") : Html.Of($"<option value=\"{option}\">{r.Level(option)}</option>"));
            }

            string reason = values?.GetValueOrDefault("reason." + id) ?? x.Reason ?? "";
            body.Add($"</select></td><td><label for=\"reason-{id}\" class=\"sr\">{r.T("Lý do cho", "Reason for")} {x.Member.FullName}</label><input id=\"reason-{id}\" name=\"reason.{id}\" value=\"{reason}\"{(v.Open ? Raw.Empty : new Raw(" disabled"))}>{WebPage.FieldError(r, errors, "reason." + id, "reason-" + id)}</td>");
            string past = await RecognitionPage.PastYearsLineAsync(r, id, v.Cycle.Input.Year);
            body.Add($"<td>{past}</td></tr>");
        }

        body.Add($"</tbody></table></div>");
        if (v.Open)
        {
            body.Add($"<p><button type=\"submit\" name=\"action\" value=\"save\" class=\"secondary\" id=\"save-decisions\">{r.T("Lưu quyết định", "Save decisions")}</button> <button type=\"submit\" name=\"action\" value=\"finalize\" id=\"finalize\">{r.T("Hoàn tất", "Finalize")}</button></p>");
        }

        body.Add($"</form>");
        return Layout.Render(r, r.T("Thẩm định và quyết định", "Appraisal and decision"), body.ToRaw(), errors.Count > 0 || refusal is not null ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    private static async Task<IResult> PostAsync(WebRequest r)
    {
        var (view, other) = await LoadAsync(r);
        if (view is null)
        {
            return other!;
        }

        if (!view.Open)
        {
            return await RenderAsync(r, view, null, [], r.T("Bước thẩm định không còn mở.", "The appraisal step is not open."));
        }

        IFormCollection form = await r.Http.Request.ReadFormAsync(r.Cancellation);
        var values = form.Keys.ToDictionary(k => k, k => form[k].ToString(), StringComparer.Ordinal);
        var errors = new List<ValidationError>();
        var decisions = new List<MemberDecision>();
        foreach (Row x in view.Rows)
        {
            string id = x.Member.Id;
            if (!Enum.TryParse(values.GetValueOrDefault("d." + id), out RatingLevel level) || !Enum.IsDefined(level))
            {
                level = x.Current;
            }

            string reason = values.GetValueOrDefault("reason." + id, "").Trim();
            if (level != x.Result.Proposed && reason.Length == 0)
            {
                errors.Add(new ValidationError("ReasonRequired", "reason." + id, "Đổi mức chi bộ đề xuất thì phải ghi lý do.", "Changing the cell's proposal needs a reason."));
            }

            decisions.Add(new MemberDecision(id, level, reason.Length == 0 ? null : reason));
        }

        if (errors.Count > 0)
        {
            return await RenderAsync(r, view, values, errors, null);
        }

        bool finalize = values.GetValueOrDefault("action") == "finalize";
        QuotaReport quota = QuotaCheck.Check(view.Rows.Select(x => (x.Member.Id, x.Result.QuotaGroup, decisions.Single(d => d.MemberId == x.Member.Id).Level)), view.Rules);
        var commands = r.Service<ReviewCommands>();
        string by = r.Caller.Actor;
        if (finalize && !quota.IsWithin)
        {
            // Keep the decisions made so far, but do not finalize: name the groups and what to move.
            await commands.SubmitAppraisalAsync(view.Cycle.CycleId, view.Unit.Id, new AppraisalSubmitted(decisions, new Dictionary<string, RatingLevel>(), by, Finalize: false), null, r.Cancellation);
            var named = new List<string>();
            foreach (QuotaGroupResult g in quota.Broken)
            {
                named.Add($"{await QuotaGroupLabel(r, r.Service<RosterStore>(), g.Group)}: {r.T(g.Guidance!.MessageVi, g.Guidance.MessageEn)}");
            }

            string groups = string.Join("; ", named);
            string share = view.Rules.Quota.ShareFor(false).ToString("P0", System.Globalization.CultureInfo.InvariantCulture);
            return await RenderAsync(r, view, values, [], r.T($"vượt tỷ lệ Hoàn thành xuất sắc (tối đa {share} số Hoàn thành tốt) ở nhóm ", $"the Excellent quota (at most {share} of Good) is broken in ") + groups);
        }

        await commands.SubmitAppraisalAsync(view.Cycle.CycleId, view.Unit.Id, new AppraisalSubmitted(decisions, new Dictionary<string, RatingLevel>(), by, finalize), null, r.Cancellation);
        return Results.Redirect($"{WebUi.Root}/appraisal?cycle={Uri.EscapeDataString(view.Cycle.CycleId)}&unit={Uri.EscapeDataString(view.Unit.Id)}&sent={(finalize ? "finalize" : "save")}");
    }

    /// <summary>A quota group by the names people use: the organization, and the position group when the rule set splits by it.</summary>
    private static async Task<string> QuotaGroupLabel(WebRequest r, RosterStore roster, string key)
    {
        string[] parts = key.Split(':', 2);
        string unit = (await roster.GetUnitAsync(parts[0], r.Cancellation))?.Name ?? parts[0];
        string? position = parts.Length < 2 ? null : parts[1] switch
        {
            "leadership" => r.T("đảng viên giữ chức vụ lãnh đạo, quản lý", "members in leadership posts"),
            "outside-political-system" => r.T("đảng viên làm việc ngoài hệ thống chính trị", "members working outside the political system"),
            _ => r.T("đảng viên không giữ chức vụ lãnh đạo, quản lý", "members without a leadership post"),
        };
        return position is null ? unit : $"{unit} — {position}";
    }
}
