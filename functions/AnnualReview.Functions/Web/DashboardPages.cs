using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Rules;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Web;

/// <summary>
/// The organization board's dashboard: the cycles, then one cycle's progress as the party tree with counts by
/// stage, lateness and escalations, the rating distribution against the quota, the late list, and drill-down to a
/// cell and a member. Committees, secretaries and auditors see the same for their own subtree.
/// </summary>
public static class DashboardPages
{
    private static readonly string[] Readers = [AppRoles.OrganizationBoard, AppRoles.Committee, AppRoles.CellSecretary, AppRoles.Auditor];
    private const int TreeDepth = 3;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPage("GET", WebUi.Root + "/cycles", Readers, ListAsync);
        app.MapGet(WebUi.Root + "/cycles/{cycleId}", (HttpContext http, string cycleId) => WebPage.RunAsync(http, Readers, r => CycleAsync(r, cycleId)));
        app.MapGet(WebUi.Root + "/cycles/{cycleId}/members/{memberId}", (HttpContext http, string cycleId, string memberId) => WebPage.RunAsync(http, Readers, r => MemberAsync(r, cycleId, memberId)));
    }

    private static async Task<IResult> ListAsync(WebRequest r)
    {
        List<CycleSummary> cycles = await r.Service<CycleDirectory>().ConcerningAsync(r.Caller, r.Caller.UnitId, r.Cancellation);
        var body = new Html();
        if (r.Caller.IsAny(AppRoles.OrganizationBoard, AppRoles.Admin))
        {
            body.Add($"<p><a class=\"button\" href=\"{WebUi.Root}/cycles/new\">{r.T("Bắt đầu đợt mới", "Start a new cycle")}</a></p>");
        }

        if (cycles.Count == 0)
        {
            body.Add($"<p>{r.T("Chưa có đợt đánh giá nào trong phạm vi của bạn.", "No cycle concerns your units yet.")}</p>");
            return Layout.Render(r, r.T("Các đợt đánh giá", "Cycles"), body.ToRaw());
        }

        body.Add($"<div class=\"table-wrap\"><table><caption class=\"muted\">{r.T("Các đợt trong phạm vi của bạn", "Cycles in your units")}</caption><thead><tr><th>{r.T("Đợt", "Cycle")}</th><th>{r.T("Năm", "Year")}</th><th>{r.T("Đơn vị gốc", "Root unit")}</th><th>{r.T("Bộ quy tắc", "Rule set")}</th><th>{r.T("Trạng thái", "Status")}</th></tr></thead><tbody>");
        RosterStore roster = r.Service<RosterStore>();
        foreach (CycleSummary c in cycles)
        {
            string root = (await roster.GetUnitAsync(c.Input.RootUnitId, r.Cancellation))?.Name ?? c.Input.RootUnitId;
            body.Add($"<tr><td><a href=\"{WebUi.Root}/cycles/{Uri.EscapeDataString(c.CycleId)}\" title=\"{c.CycleId}\">{Labels.Cycle(r, c.Input.Year, root)}</a></td><td>{c.Input.Year}</td><td>{root}</td><td>{Labels.RuleSet(r, c.Input.RuleSetId)}</td><td>{Labels.Status(r, c.Status)}</td></tr>");
        }

        body.Add($"</tbody></table></div>");
        return Layout.Render(r, r.T("Các đợt đánh giá", "Cycles"), body.ToRaw());
    }

    private static async Task<IResult> CycleAsync(WebRequest r, string cycleId)
    {
        CycleSummary? cycle = await r.Service<CycleDirectory>().GetAsync(cycleId, r.Cancellation);
        if (cycle is null)
        {
            return WebPage.NotFound(r, r.T("Không có đợt này.", "There is no such cycle."));
        }

        string unitId = r.Query("unit") ?? (await r.CoversAsync(cycle.Input.RootUnitId) ? cycle.Input.RootUnitId : r.Caller.UnitId ?? "");
        if (unitId.Length == 0 || !await r.CoversAsync(unitId))
        {
            return WebPage.Forbidden(r);
        }

        ReadModelStore reads = r.Service<ReadModelStore>();
        var tree = await ProgressTree.LoadLiveAsync(reads, r.Service<RosterStore>(), r.Service<Microsoft.DurableTask.Client.DurableTaskClient>(), cycleId, r.Cancellation);
        ProgressRow? row = tree.Row(unitId);
        Unit? unit = await r.Service<RosterStore>().GetUnitAsync(unitId, r.Cancellation);
        if (unit is null || (row is null && !tree.Contains(cycle.Input.RootUnitId, unitId) && unitId != cycle.Input.RootUnitId))
        {
            return WebPage.NotFound(r, r.T("Đơn vị này không thuộc đợt.", "This unit is not in the cycle."));
        }

        var body = new Html();
        if (r.Query("started") is not null)
        {
            body.Add($"<p class=\"notice\" role=\"status\">{r.T("Đã bắt đầu đợt", "The cycle has started")}: <strong id=\"cycle-id\">{cycleId}</strong></p>");
        }

        string rootName = (await r.Service<RosterStore>().GetUnitAsync(cycle.Input.RootUnitId, r.Cancellation))?.Name ?? cycle.Input.RootUnitId;
        body.Add($"<p><strong title=\"{cycleId}\">{Labels.Cycle(r, cycle.Input.Year, rootName)}</strong> · {Labels.RuleSet(r, cycle.Input.RuleSetId)} · {Labels.Status(r, cycle.Status)}</p>");
        body.Add(Steps(r, await r.PlansForAsync(cycle.Input, unitId)));
        body.Add($"<h2 id=\"unit-name\">{unit.Name} <span class=\"muted\">· {Labels.Kind(r, unit.Kind)} · {Labels.UnitStage(r, row?.Stage)}</span></h2>");
        SubtreeCounts counts = tree.Counts(unitId);
        List<MemberLine>? lines = unit.Kind == UnitKind.Cell ? await MemberLinesAsync(r, cycleId, unitId) : null;
        if (lines is not null)
        {
            // A cell's counts are its table's rows counted, so the line above the table never contradicts it.
            counts = CountsOf(lines, counts);
        }

        body.Add(CountsLine(r, counts));
        body.Add(Chart(r, counts, CycleRules.For(cycle.Input.RuleSetId).RuleSet.Quota.ShareFor(false)));
        if (row?.QuotaMessage is { } quota)
        {
            body.Add($"<p class=\"warning\">{r.T("Vượt tỷ lệ", "Quota broken")}: {quota}</p>");
        }

        body.Add(Links(r, cycleId, unit));
        body.Add(DocumentDownloads.ForUnit(r, cycleId, unit));
        if (lines is not null)
        {
            body.Add(MembersTable(r, cycleId, lines));
        }
        else
        {
            body.Add($"<h2>{r.T("Cây tổ chức", "Party tree")}</h2><div class=\"tree\">").Add(Tree(r, cycleId, tree, unitId, 0)).Add($"</div>");
        }

        body.Add(await RemedyPanel.RenderAsync(r, cycle.Input, unit));
        body.Add(await LateAsync(r, cycleId, tree, unitId));
        return Layout.Render(r, r.T("Tiến độ đợt đánh giá", "Cycle progress"), body.ToRaw());
    }

    private static Raw Steps(WebRequest r, Workflows.Deadlines.CyclePlans plans)
    {
        DateTime now = r.Service<TimeProvider>().GetUtcNow().UtcDateTime;
        var html = new Html().Add($"<ol class=\"timeline\" aria-label=\"{r.T("Các bước và hạn", "Steps and due dates")}\">");
        bool marked = false;
        foreach (var plan in new[] { plans.SelfReview, plans.CellMeeting, plans.GrassrootsDecision, plans.CommitteeDecision })
        {
            if (!marked && now <= plan.Due)
            {
                html.Add($"<li class=\"today\">{r.T("Hôm nay", "Today")} {r.Date(now)}</li>");
                marked = true;
            }

            html.Add($"<li>{Labels.Step(r, plan.Step)}: {r.Due(plan.Due)}</li>");
        }

        if (!marked)
        {
            html.Add($"<li class=\"today\">{r.T("Hôm nay", "Today")} {r.Date(now)}</li>");
        }

        return html.Add($"</ol>").ToRaw();
    }

    private static Raw CountsLine(WebRequest r, SubtreeCounts c)
    {
        var html = new Html().Add($"<ul class=\"counts\" id=\"counts\"><li>{r.T("Số đảng viên", "Members")}: <strong>{c.Members}</strong></li>");
        foreach (MemberStage stage in Enum.GetValues<MemberStage>())
        {
            html.Add($"<li class=\"{Labels.StageClass(stage)}\" data-stage=\"{stage}\">{Labels.Stage(r, stage)}: <strong>{c.Stage(stage)}</strong></li>");
        }

        return html.Add($"<li class=\"st-late\">{r.T("Trễ hạn (người)", "Late (people)")}: <strong>{c.Late}</strong></li><li>{r.T("Lần báo cáo lên cấp trên", "Escalations")}: <strong>{c.Escalations}</strong></li></ul>").ToRaw();
    }

    /// <summary>Bars per level, with the quota line on Excellent (at most the share of Good).</summary>
    internal static Raw Chart(WebRequest r, SubtreeCounts c, decimal share)
    {
        RatingLevel[] levels = Enum.GetValues<RatingLevel>();
        int allowed = (int)decimal.Floor(share * c.ByLevel.GetValueOrDefault(RatingLevel.Good));
        if (levels.All(l => c.ByLevel.GetValueOrDefault(l) == 0))
        {
            // Nothing proposed or decided yet: a line of text, not an empty frame.
            return Html.Of($"<p class=\"muted\" id=\"level-chart-empty\">{r.T("Chưa có mức xếp loại nào được đề xuất hay quyết định.", "No level has been proposed or decided yet.")}</p>");
        }

        int max = Math.Max(Math.Max(1, allowed), levels.Max(l => c.ByLevel.GetValueOrDefault(l)));
        const int Height = 120, BarWidth = 60, Gap = 20, Top = 20;
        string summary = string.Join("; ", levels.Select(l => $"{r.Level(l)}: {c.ByLevel.GetValueOrDefault(l)}")) + $"; {r.T("tối đa Xuất sắc", "Excellent allowed")}: {allowed}";
        var html = new Html().Add($"<figure><svg id=\"level-chart\" role=\"img\" aria-label=\"{summary}\" viewBox=\"0 0 {levels.Length * (BarWidth + Gap) + Gap} {Height + Top + 24}\" width=\"100%\" style=\"max-width:420px\">");
        for (int i = 0; i < levels.Length; i++)
        {
            int count = c.ByLevel.GetValueOrDefault(levels[i]);
            int h = count * Height / max;
            int x = Gap + i * (BarWidth + Gap);
            html.Add($"<rect x=\"{x}\" y=\"{Top + Height - h}\" width=\"{BarWidth}\" height=\"{h}\" fill=\"{(levels[i] == RatingLevel.Excellent && count > allowed ? "#a00000" : "#4a6fa5")}\"></rect>");
            html.Add($"<text x=\"{x + BarWidth / 2}\" y=\"{Top + Height - h - 4}\" text-anchor=\"middle\" font-size=\"14\">{count}</text>");
            html.Add($"<text x=\"{x + BarWidth / 2}\" y=\"{Top + Height + 16}\" text-anchor=\"middle\" font-size=\"11\">{Short(r, levels[i])}</text>");
        }

        int quotaY = Top + Height - Math.Min(Height, allowed * Height / max);
        html.Add($"<line x1=\"{Gap - 5}\" x2=\"{Gap + BarWidth + 5}\" y1=\"{quotaY}\" y2=\"{quotaY}\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"4 3\"></line>");
        // The quota's legend goes under the chart, where no bar or count can cover it.
        return html.Add($"</svg><figcaption>{r.T("Phân bố mức xếp loại (đề xuất hoặc đã quyết định) so với hạn mức", "Ratings by level (proposed or decided) against the quota")}. <span class=\"quota-legend\">┄ {r.T("hạn mức Xuất sắc", "Excellent quota")}: {allowed}</span></figcaption></figure>").ToRaw();
    }

    private static string Short(WebRequest r, RatingLevel level) => level switch
    {
        RatingLevel.Excellent => r.T("Xuất sắc", "Excellent"),
        RatingLevel.Good => r.T("Tốt", "Good"),
        RatingLevel.Completed => r.T("Hoàn thành", "Completed"),
        _ => r.T("Không HT", "Not compl."),
    };

    private static Raw Links(WebRequest r, string cycleId, Unit unit)
    {
        string cycle = Uri.EscapeDataString(cycleId), id = Uri.EscapeDataString(unit.Id);
        var html = new Html().Add($"<p class=\"links\">");
        if (unit.Kind == UnitKind.Cell && r.Caller.IsAny(AppRoles.CellSecretary, AppRoles.Admin))
        {
            html.Add($"<a href=\"{WebUi.Root}/meeting?cycle={cycle}&amp;cell={id}\">{r.T("Biên bản họp chi bộ", "Cell meeting")}</a> · ");
        }

        if (unit.Kind == UnitKind.GrassrootsOrganization && r.Caller.IsAny(AppRoles.Committee, AppRoles.Admin))
        {
            html.Add($"<a href=\"{WebUi.Root}/appraisal?cycle={cycle}&amp;unit={id}\">{r.T("Thẩm định", "Appraisal")}</a> · ");
        }

        if (r.Caller.IsAny(AppRoles.OrganizationBoard, AppRoles.Committee, AppRoles.Auditor, AppRoles.Admin))
        {
            html.Add($"<a href=\"{WebUi.Root}/recognition?cycle={cycle}&amp;unit={id}\">{r.T("Khen thưởng, theo dõi", "Recognition, follow-up")}</a> · ");
            html.Add($"<a href=\"{WebUi.Root}/audit/instance?id={Uri.EscapeDataString(CycleInstanceIds.Unit(cycleId, unit.Id))}\">{r.T("Lịch sử của đơn vị", "The unit's history")}</a>");
        }

        if (unit.ParentId is not null)
        {
            html.Add($" · <a href=\"{WebUi.Root}/cycles/{cycle}?unit={Uri.EscapeDataString(unit.ParentId)}\">{r.T("Lên cấp trên", "Up one level")}</a>");
        }

        return html.Add($"</p>").ToRaw();
    }

    private static Raw Tree(WebRequest r, string cycleId, ProgressTree tree, string unitId, int depth)
    {
        var children = tree.Children(unitId).ToList();
        if (children.Count == 0 || depth >= TreeDepth)
        {
            return depth == 0 ? Html.Of($"<p class=\"muted\">{r.T("Các đơn vị cấp dưới chưa báo tiến độ.", "No unit below has reported progress yet.")}</p>") : Raw.Empty;
        }

        var html = new Html().Add($"<ul>");
        foreach (ProgressRow child in children)
        {
            SubtreeCounts c = tree.Counts(child.UnitId);
            html.Add($"""
                <li data-unit="{child.UnitId}"><a href="{WebUi.Root}/cycles/{Uri.EscapeDataString(cycleId)}?unit={Uri.EscapeDataString(child.UnitId)}">{child.UnitName}</a>
                <span class="muted">{Labels.UnitStage(r, child.Stage)}</span> ·
                {c.Members} {r.T("đảng viên", "members")}:
                <span class="st-done">{c.Stage(MemberStage.Submitted) + c.Stage(MemberStage.Proposed) + c.Stage(MemberStage.Decided)} {r.T("đã nộp", "submitted")}</span>,
                <span class="st-none">{c.Stage(MemberStage.NotStarted)} {r.T("chưa nộp", "not started")}</span>,
                <span class="st-late">{c.Stage(MemberStage.NotSubmitted)} {r.T("không nộp", "not submitted")}</span>
                · <span class="{(c.Late > 0 ? "st-late" : "muted")}">{r.T("trễ", "late")} {c.Late}</span> · {r.T("báo cáo lên", "escalations")} {c.Escalations}
                """);
            html.Add(Tree(r, cycleId, tree, child.UnitId, depth + 1)).Add($"</li>");
        }

        return html.Add($"</ul>").ToRaw();
    }

    /// <summary>One member of a cell as the cell page shows them: the read model's stage, or "submitted" as soon as a version is stored.</summary>
    private sealed record MemberLine(Member Member, MemberStage Stage, bool Late, int Versions, RatingLevel? SelfRating, RatingLevel? Proposed, RatingLevel? Final);

    private static async Task<List<MemberLine>> MemberLinesAsync(WebRequest r, string cycleId, string cellId)
    {
        var stages = (await r.Service<ReadModelStore>().ReadMemberStagesAsync(cycleId, cellId, r.Cancellation)).ToDictionary(m => m.MemberId, StringComparer.Ordinal);
        List<Member> members = await r.Service<RosterStore>().GetCellMembersAsync(cellId, r.Cancellation);
        var submissions = r.Service<SubmissionStore>();
        var lines = new List<MemberLine>(members.Count);
        foreach (Member m in members.OrderBy(m => m.FullName, StringComparer.CurrentCulture))
        {
            MemberResult? s = stages.GetValueOrDefault(m.Id);
            List<SelfReviewVersion> versions = await submissions.VersionsAsync(cycleId, m.Id, r.Cancellation);
            MemberStage stage = s?.Stage is MemberStage.NotStarted or null && versions.Count > 0 ? MemberStage.Submitted : s?.Stage ?? MemberStage.NotStarted;
            lines.Add(new MemberLine(m, stage, s?.Late == true, versions.Count, s?.SelfRating ?? versions.MaxBy(v => v.Version)?.SelfRating, s?.Proposed, s?.Final));
        }

        return lines;
    }

    private static SubtreeCounts CountsOf(List<MemberLine> lines, SubtreeCounts tree) => new(
        lines.Count,
        Enum.GetValues<MemberStage>().ToDictionary(stage => stage, stage => lines.Count(l => l.Stage == stage)),
        Enum.GetValues<RatingLevel>().ToDictionary(level => level, level => lines.Count(l => (l.Final ?? l.Proposed) == level)),
        lines.Count(l => l.Late),
        tree.Escalations);

    private static Raw MembersTable(WebRequest r, string cycleId, List<MemberLine> lines)
    {
        var html = new Html().Add($"<h2>{r.T("Đảng viên của chi bộ", "The cell's members")}</h2><div class=\"table-wrap\"><table id=\"members\"><thead><tr><th>{r.T("Đảng viên", "Member")}</th><th>{r.T("Giai đoạn", "Stage")}</th><th>{r.T("Số lần nộp", "Versions")}</th><th>{r.T("Tự xếp loại", "Self-rated")}</th><th>{r.T("Chi bộ đề xuất", "Proposed")}</th><th>{r.T("Quyết định", "Final")}</th></tr></thead><tbody>");
        foreach (MemberLine l in lines)
        {
            html.Add($"<tr data-member=\"{l.Member.Id}\"><td><a href=\"{WebUi.Root}/cycles/{Uri.EscapeDataString(cycleId)}/members/{Uri.EscapeDataString(l.Member.Id)}\" title=\"{l.Member.Id}\">{l.Member.FullName}</a></td><td class=\"{Labels.StageClass(l.Stage)}\">{Labels.Stage(r, l.Stage)}{(l.Late ? " · " + r.T("trễ", "late") : "")}</td><td class=\"num\">{l.Versions}</td><td>{r.Level(l.SelfRating)}</td><td>{r.Level(l.Proposed)}</td><td>{r.Level(l.Final)}</td></tr>");
        }

        return html.Add($"</tbody></table></div>").ToRaw();
    }

    private static async Task<Raw> LateAsync(WebRequest r, string cycleId, ProgressTree tree, string unitId)
    {
        var late = (await r.Service<ReadModelStore>().ReadLateAsync(cycleId, r.Cancellation))
            .Where(l => tree.Contains(unitId, l.UnitId))
            .OrderBy(l => l.ResolvedAt is not null).ThenBy(l => l.Due)
            .ToList();
        var html = new Html().Add($"<h2>{r.T("Báo cáo trễ hạn", "Late reports")}</h2>");
        if (late.Count == 0)
        {
            return html.Add($"<p class=\"muted\" id=\"late-none\">{r.T("Không có báo cáo trễ hạn.", "No late reports.")}</p>").ToRaw();
        }

        html.Add($"<div class=\"table-wrap\"><table id=\"late\"><thead><tr><th>{r.T("Đơn vị", "Unit")}</th><th>{r.T("Bước", "Step")}</th><th>{r.T("Hạn", "Due")}</th><th>{r.T("Còn thiếu", "Pending")}</th><th>{r.T("Đã nhắc", "Reminded")}</th><th>{r.T("Đã báo cáo lên", "Escalated to")}</th><th>{r.T("Đã xong", "Resolved")}</th></tr></thead><tbody>");
        foreach (LateEntry l in late)
        {
            // Each rung is kept as "Target:unitId"; a person reads the unit's name.
            string escalatedTo = string.Join(", ", l.EscalatedTo.Select(e => e[(e.IndexOf(':', StringComparison.Ordinal) + 1)..]).Select(id => tree.Row(id)?.UnitName ?? id));
            html.Add($"<tr><td>{l.UnitName}</td><td>{Labels.Step(r, l.Step)}</td><td>{r.Due(l.Due)}</td><td class=\"num\">{l.PendingCount}</td><td>{string.Join(", ", l.RemindedAt.Select(r.Time))}</td><td>{escalatedTo}{DeputyLink(r, cycleId, l)}</td><td>{(l.ResolvedAt is { } at ? r.Time(at) : "—")}</td></tr>");
        }

        return html.Add($"</tbody></table></div>").ToRaw();
    }

    /// <summary>Journey 3: a committee told of a late cell meeting names someone to record it in the secretary's place.</summary>
    private static Raw DeputyLink(WebRequest r, string cycleId, LateEntry l)
        => l is { Step: "CellMeeting", ResolvedAt: null, EscalatedTo.Count: > 0 } && r.Caller.IsAny(AppRoles.Committee, AppRoles.Admin)
            ? Html.Of($" — <a href=\"{DeputyPage.Link(cycleId, l.UnitId)}\" id=\"deputy-{l.UnitId}\">{r.T("Giao người ghi biên bản thay", "Name a deputy")}</a>")
            : Raw.Empty;

    private static async Task<IResult> MemberAsync(WebRequest r, string cycleId, string memberId)
    {
        Member? member = await r.Service<RosterStore>().GetMemberAsync(memberId, r.Cancellation);
        if (member is null || !await r.CoversAsync(member.CellId))
        {
            return WebPage.Forbidden(r);
        }

        MemberResult? stage = (await r.Service<ReadModelStore>().ReadMemberStagesAsync(cycleId, member.CellId, r.Cancellation)).FirstOrDefault(m => m.MemberId == memberId);
        string cellName = (await r.Service<RosterStore>().GetUnitAsync(member.CellId, r.Cancellation))?.Name ?? member.CellId;
        var body = new Html().Add($"<p>{r.T("Chi bộ", "Cell")}: <a href=\"{WebUi.Root}/cycles/{Uri.EscapeDataString(cycleId)}?unit={Uri.EscapeDataString(member.CellId)}\" title=\"{member.CellId}\">{cellName}</a> · {r.T("Giai đoạn", "Stage")}: {Labels.Stage(r, stage?.Stage ?? MemberStage.NotStarted)} · {r.T("Đề xuất", "Proposed")}: {r.Level(stage?.Proposed)} · {r.T("Quyết định", "Final")}: {r.Level(stage?.Final)}</p>");
        body.Add(await SelfReviewPage.VersionsAsync(r, cycleId, memberId));
        body.Add(await RecognitionPage.PastYearsAsync(r, memberId));
        return Layout.Render(r, member.FullName, body.ToRaw());
    }
}
