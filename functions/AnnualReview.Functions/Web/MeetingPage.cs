using AnnualReview.Workflows.Commands;
using AnnualReview.Functions.Idempotency;
using System.Globalization;
using System.Text.Json;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rating;
using AnnualReview.Assessment.Rules;
using AnnualReview.Assessment.Shortcomings;
using Microsoft.DurableTask.Client;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Rules;
using AnnualReview.Workflows.Storage;
using AnnualReview.Functions.Steps;

namespace AnnualReview.Functions.Web;

/// <summary>
/// The cell secretary's page: members still missing, the collective review (Mẫu 01) that comes before the meeting,
/// and the meeting record — full members convened and present, the tally per member — with the proposed level
/// computed as they type (the script mirrors <see cref="ProposedLevel"/>) and checked again here on submit.
/// Under a rule set that scores points, a member's row can take the points the cell agreed instead of votes.
/// </summary>
public static class MeetingPage
{
    /// <summary>The secretary, and a member as the deputy a committee named (checked by <see cref="CellActorStep"/>).</summary>
    private static readonly string[] Secretaries = CellActorStep.Roles;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPage("GET", WebUi.Root + "/meeting", Secretaries, r => ShowAsync(r, null, []));
        app.MapPage("POST", WebUi.Root + "/meeting", Secretaries, PostAsync);
    }

    private sealed record CellView(Unit Cell, CycleSummary Cycle, RuleSet Rules, List<Member> Members, Dictionary<string, SelfReviewVersion?> Latest, Dictionary<string, MemberResult> Stages, JsonElement? Status, Workflows.Deadlines.CyclePlans Plans)
    {
        /// <summary>The cell's last collective review, so a resubmission starts from it.</summary>
        public SelfReviewVersion? Collective { get; init; }

        /// <summary>The shortcomings the cell's own report named last year, marked in this year's A.III.</summary>
        public CarriedShortcomingList CollectiveCarried { get; init; } = new(null, []);
    }

    private static async Task<(CellView? View, IResult? Refusal)> LoadAsync(WebRequest r)
    {
        string? cellId = r.Query("cell") ?? r.Caller.UnitId;
        Unit? cell = cellId is null ? null : await r.Service<RosterStore>().GetUnitAsync(cellId, r.Cancellation);
        if (cell is null || cell.Kind != UnitKind.Cell || !await r.CoversAsync(cell.Id))
        {
            return (null, WebPage.Forbidden(r));
        }

        CycleSummary? cycle = await r.Service<CycleDirectory>().PickAsync(r, cell.Id);
        if (cycle is null)
        {
            return (null, Layout.Render(r, r.T("Họp chi bộ", "Cell meeting"), Html.Of($"<p>{r.T("Chưa có đợt đánh giá nào cho chi bộ.", "No cycle concerns this cell yet.")}</p>")));
        }

        List<Member> members = [.. (await r.Service<RosterStore>().GetCellMembersAsync(cell.Id, r.Cancellation)).OrderBy(m => m.Id, StringComparer.Ordinal)];
        var submissions = r.Service<SubmissionStore>();
        var latest = new Dictionary<string, SelfReviewVersion?>(StringComparer.Ordinal);
        foreach (Member m in members)
        {
            latest[m.Id] = (await submissions.VersionsAsync(cycle.CycleId, m.Id, r.Cancellation)).MaxBy(v => v.Version);
        }

        var stages = (await r.Service<ReadModelStore>().ReadMemberStagesAsync(cycle.CycleId, cell.Id, r.Cancellation)).ToDictionary(m => m.MemberId, StringComparer.Ordinal);
        OrchestrationMetadata? instance = await r.Service<DurableTaskClient>().GetInstanceAsync(CycleInstanceIds.Unit(cycle.CycleId, cell.Id), cancellation: r.Cancellation);
        JsonElement? status = instance?.SerializedCustomStatus is { } json ? JsonDocument.Parse(json).RootElement.Clone() : null;
        if (!r.Caller.Is(AppRoles.CellSecretary) && !CellActorStep.IsDeputy(r.Caller, instance is null ? null : new UnitStep(instance.RuntimeStatus, status)))
        {
            return (null, WebPage.Forbidden(r));
        }

        string collectiveId = CarriedShortcomings.CollectiveId(cell.Id);
        return (new CellView(cell, cycle, CycleRules.For(cycle.Input.RuleSetId).RuleSet, members, latest, stages, status, await r.PlansForAsync(cycle.Input, cell.Id))
        {
            Collective = (await submissions.VersionsAsync(cycle.CycleId, collectiveId, r.Cancellation)).MaxBy(c => c.Version),
            CollectiveCarried = await r.Service<CarriedShortcomings>().ForAsync(cycle.Input, collectiveId, r.Cancellation),
        }, null);
    }

    private static async Task<IResult> ShowAsync(WebRequest r, Dictionary<string, string>? values, IReadOnlyList<ValidationError> errors)
    {
        var (view, refusal) = await LoadAsync(r);
        return view is null ? refusal! : Render(r, view, values ?? [], errors);
    }

    private static IResult Render(WebRequest r, CellView v, Dictionary<string, string> values, IReadOnlyList<ValidationError> errors)
    {
        var body = new Html();
        string query = $"cycle={Uri.EscapeDataString(v.Cycle.CycleId)}&cell={Uri.EscapeDataString(v.Cell.Id)}";
        if (r.Query("recorded") is not null)
        {
            body.Add($"<p class=\"notice\" role=\"status\" id=\"recorded\">{r.T("Đã gửi biên bản họp. Mức đề xuất hiện ra khi hệ thống ghi nhận xong.", "The meeting record was sent. The proposed levels appear once it is recorded.")}</p>");
        }

        if (r.Query("collective") is not null)
        {
            body.Add($"<p class=\"notice\" role=\"status\" id=\"collective-saved\">{r.T("Đã nộp báo cáo kiểm điểm tập thể.", "The collective review was submitted.")}</p>");
        }

        string stage = v.Status?.GetProperty("stage").GetString() ?? "";
        int proposed = v.Status?.GetProperty("proposed").GetInt32() ?? 0;
        int collective = v.Status?.GetProperty("collectiveVersions").GetInt32() ?? 0;
        body.Add($"<p>{v.Cell.Name} · <span title=\"{v.Cycle.CycleId}\">{Labels.Cycle(r, v.Cycle.Input.Year, null)}</span> · {r.T("Hạn họp", "Meeting due")} {r.Due(v.Plans.CellMeeting.Due)} · <span id=\"cell-stage\" data-stage=\"{stage}\">{Labels.UnitStage(r, stage)}</span> · {r.T("Đã đề xuất", "Proposed")}: <strong id=\"proposed-count\">{proposed}</strong></p>");
        if (v.Status?.GetProperty("refusals") is { ValueKind: JsonValueKind.Array } refusals && refusals.GetArrayLength() > 0)
        {
            body.Add($"<div class=\"warning\" id=\"refusals\"><p>{r.T("Hệ thống đã từ chối:", "Refused by the workflow:")}</p><ul>");
            foreach (JsonElement refusal in refusals.EnumerateArray())
            {
                body.Add($"<li>{Refused(r, v, refusal.GetString() ?? "")}</li>");
            }

            body.Add($"</ul></div>");
        }

        if (CellActorStep.IsDeputy(r.Caller, new UnitStep(OrchestrationRuntimeStatus.Running, v.Status)))
        {
            body.Add($"<p class=\"notice\" id=\"as-deputy\">{r.T("Đồng chí được cấp ủy giao ghi biên bản họp thay bí thư vì cuộc họp đã quá hạn.", "The committee named you to record the meeting for the secretary, as the meeting is overdue.")}</p>");
        }

        var missing = v.Members.Where(m => v.Latest[m.Id] is null && v.Stages.GetValueOrDefault(m.Id)?.Stage != MemberStage.NotRated).ToList();
        body.Add($"<h2>{r.T("Đảng viên chưa nộp bản kiểm điểm", "Members still missing")} ({missing.Count})</h2>");
        body.Add(missing.Count == 0
            ? Html.Of($"<p class=\"muted\" id=\"missing-none\">{r.T("Tất cả đã nộp.", "Everyone has submitted.")}</p>")
            : Html.Of($"<ul id=\"missing\">{new Raw(string.Concat(missing.Select(m => Html.Of($"<li>{m.FullName} ({m.Id}){OnBehalfLink(r, v, m)}</li>").Markup)))}</ul>"));

        body.Add(Collective(r, v, query, collective, values, errors));
        body.Add(Meeting(r, v, query, values, errors));
        body.Add(DocumentDownloads.ForCell(r, v.Cycle.CycleId, v.Cell.Id));
        return Layout.Render(r, r.T("Họp chi bộ cuối năm", "Year-end cell meeting"), body.ToRaw(), errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    /// <summary>
    /// A refusal the cell's workflow noted, as "who: Vietnamese / English": shown in the person's language, with the
    /// member's name for their id.
    /// </summary>
    private static string Refused(WebRequest r, CellView v, string refusal)
    {
        int colon = refusal.IndexOf(": ", StringComparison.Ordinal);
        string who = colon > 0 ? refusal[..colon] : "", text = colon > 0 ? refusal[(colon + 2)..] : refusal;
        int slash = text.IndexOf(" / ", StringComparison.Ordinal);
        string said = slash < 0 ? text : r.English ? text[(slash + 3)..] : text[..slash];
        // "m07" or "tallies.m07" names a member; any other prefix is a field name, which says nothing to a person.
        string memberId = who.StartsWith("tallies.", StringComparison.Ordinal) ? who["tallies.".Length..] : who;
        string? name = v.Members.FirstOrDefault(m => m.Id == memberId)?.FullName;
        return name is null ? said : $"{name}: {said}";
    }

    /// <summary>"Nộp thay": after the hand-over the secretary fills in the self-review of a member still missing.</summary>
    private static Raw OnBehalfLink(WebRequest r, CellView v, Member m)
        => SelfReviewSubmitterStep.MaySubmitFor(r.Caller, new UnitStep(OrchestrationRuntimeStatus.Running, v.Status), m)
            ? Html.Of($" — <a href=\"{WebUi.Root}/review?cycle={Uri.EscapeDataString(v.Cycle.CycleId)}&member={Uri.EscapeDataString(m.Id)}\" id=\"on-behalf-{m.Id}\">{r.T("Nộp thay", "Submit on their behalf")}</a>")
            : Raw.Empty;

    private static Raw Collective(WebRequest r, CellView v, string query, int versions, Dictionary<string, string> values, IReadOnlyList<ValidationError> errors)
    {
        FormDefinition form = v.Rules.CollectiveForm;
        var html = new Html().Add($"<h2>{r.T("Báo cáo kiểm điểm tập thể", "Collective review")} ({r.T("Mẫu", "form")} {form.Code})</h2>");
        html.Add(versions > 0
            ? Html.Of($"<p class=\"st-done\" id=\"collective-status\">{r.T("Đã nộp, lần", "Submitted, version")} {versions}.</p>")
            : Html.Of($"<p class=\"st-late\" id=\"collective-status\">{r.T("Chưa nộp — phải có trước khi ghi biên bản họp.", "Not yet submitted — it must come before the meeting record.")}</p>"));
        // What was typed when a post was refused; else what the cell last submitted.
        IReadOnlyDictionary<string, string> shown = values.GetValueOrDefault("action") == "collective" ? values
            : v.Collective?.Sections.ToDictionary(s => "sections." + s.Key, s => s.Value, StringComparer.Ordinal) ?? [];
        html.Add($"<form method=\"post\" action=\"{WebUi.Root}/meeting?{query}\" id=\"collective-form\">{r.Antiforgery()}<input type=\"hidden\" name=\"action\" value=\"collective\"><input type=\"hidden\" name=\"{RequestKeys.FormField}\" value=\"{RequestKeys.NewFormToken()}\">");
        // A form whose sections are not listed in the rule set takes the report as one text.
        var sections = form.Parts.SelectMany(p => p.Sections).ToList();
        if (sections.Count == 0)
        {
            sections.Add(new FormSection("report", "Nội dung báo cáo", "The report", Optional: false));
        }

        foreach (FormSection section in sections)
        {
            string field = "sections." + section.Code, id = "collective-" + CycleStartPage.Id(field);
            string label = section.Code == "report" ? r.T(section.TitleVi, section.TitleEn) : $"{section.Code}. {r.T(section.TitleVi, section.TitleEn)}";
            bool remedy = field == RemedyFields.Section;
            html.Add($"<label for=\"{id}\">{label}</label>{(remedy ? RemedyFields.Render(r, v.CollectiveCarried, shown) : Raw.Empty)}<textarea id=\"{id}\" name=\"{field}\">{(remedy ? RemedySection.Prose(shown.GetValueOrDefault(field)) : shown.GetValueOrDefault(field, ""))}</textarea>{WebPage.FieldError(r, errors, field, id)}");
        }

        html.Add(WebPage.FieldError(r, errors, "sections", "collective"));
        return html.Add($"<p><button type=\"submit\" id=\"submit-collective\">{r.T("Nộp báo cáo tập thể", "Submit the collective review")}</button></p></form>").ToRaw();
    }

    private static Raw Meeting(WebRequest r, CellView v, string query, Dictionary<string, string> values, IReadOnlyList<ValidationError> errors)
    {
        VoteThresholds t = v.Rules.Votes;
        PointsScale? scale = v.Rules.Scoring.Points;
        var voted = v.Members.Where(m => IsVotedOn(v, m)).ToList();
        var html = new Html().Add($"<h2>{r.T("Biên bản họp và biểu quyết", "Meeting record and vote")}</h2>");
        html.Add($"""
            <form method="post" action="{WebUi.Root}/meeting?{query}" id="meeting-form"
              data-basis="{(t.Basis.Value == VoteBasis.FullMembersPresent ? "present" : "convened")}"
              data-excellent="{Threshold(t.Excellent)}" data-good="{Threshold(t.Good)}" data-completed="{Threshold(t.Completed)}"
              data-bands="{Bands(scale)}" data-lexcellent="{r.Level(RatingLevel.Excellent)}" data-lgood="{r.Level(RatingLevel.Good)}" data-lcompleted="{r.Level(RatingLevel.Completed)}" data-lnotcompleted="{r.Level(RatingLevel.NotCompleted)}">
            {r.Antiforgery()}<input type="hidden" name="action" value="meeting">
            <p class="muted">{r.T("Ngưỡng", "Thresholds")}: {r.Level(RatingLevel.Excellent)} {t.Excellent}, {r.Level(RatingLevel.Good)} {t.Good}, {r.Level(RatingLevel.Completed)} {t.Completed} {r.T("số đảng viên chính thức", "of full members")} {(t.Basis.Value == VoteBasis.FullMembersPresent ? r.T("có mặt", "present") : r.T("được triệu tập", "convened"))}. <span id="vote-reading">{r.T(t.Reading.SentenceVi, t.Reading.SentenceEn)}</span></p>
            <label for="convened">{r.T("Số đảng viên chính thức được triệu tập", "Full members convened")}</label>
            <input type="number" min="0" id="convened" name="fullMembersConvened" value="{values.GetValueOrDefault("fullMembersConvened", CellMeetingValidator.Convenable(v.Members).ToString(CultureInfo.InvariantCulture))}" aria-describedby="convened-error">
            {WebPage.FieldError(r, errors, "fullMembersConvened", "convened")}
            <label for="present">{r.T("Số đảng viên chính thức có mặt", "Full members present")}</label>
            <input type="number" min="0" id="present" name="fullMembersPresent" value="{values.GetValueOrDefault("fullMembersPresent", "")}" aria-describedby="present-error">
            {WebPage.FieldError(r, errors, "fullMembersPresent", "present")}
            <div class="table-wrap"><table><caption>{r.T("Số phiếu cho từng đảng viên (bỏ phiếu kín)", "Votes for each member (secret ballot)")}</caption>
            <thead><tr><th>{r.T("Đảng viên", "Member")}</th><th>{r.T("Tự xếp loại", "Self-rated")}</th>
            <th>{r.Level(RatingLevel.Excellent)}</th><th>{r.Level(RatingLevel.Good)}</th><th>{r.Level(RatingLevel.Completed)}</th><th>{r.Level(RatingLevel.NotCompleted)}</th>{(scale is null ? Raw.Empty : Html.Of($"<th>{r.T("Điểm chi bộ thống nhất", "Points agreed")}</th>"))}<th>{r.T("Mức đề xuất", "Proposed level")}</th></tr></thead><tbody>
            """);
        int basis = int.TryParse(values.GetValueOrDefault(t.Basis.Value == VoteBasis.FullMembersPresent ? "fullMembersPresent" : "fullMembersConvened"), out int b) ? b : 0;
        for (int i = 0; i < voted.Count; i++)
        {
            Member m = voted[i];
            html.Add($"<tr data-member=\"{m.Id}\"><th scope=\"row\">{m.FullName}</th><td>{r.Level(v.Latest[m.Id]!.SelfRating)}{RemedyFields.Tally(r, v.Latest[m.Id]!.Sections)}</td>");
            int[] votes = new int[4];
            foreach (RatingLevel level in Enum.GetValues<RatingLevel>())
            {
                string name = $"t.{m.Id}.{level}", id = $"t-{m.Id}-{level}";
                string value = values.GetValueOrDefault(name, "");
                votes[(int)level] = int.TryParse(value, out int n) ? n : 0;
                html.Add($"<td><label class=\"sr\" for=\"{id}\">{m.FullName}: {r.Level(level)}</label><input type=\"number\" min=\"0\" id=\"{id}\" name=\"{name}\" value=\"{value}\"></td>");
            }

            var tally = new VoteTally(m.Id, votes[0], votes[1], votes[2], votes[3]);
            string server = basis > 0 && tally.Total > 0 ? r.Level(ProposedLevel.From(tally, basis, t)) : "—";
            if (scale is not null)
            {
                decimal fixedShare = FixedShare.Of(RemedySection.Parse(v.Latest[m.Id]!.Sections.GetValueOrDefault(Workflows.Commands.CarriedShortcomings.RemedySectionKey)), scale.PartlyFixedWeight.Value);
                html.Add($"<td>{MeetingPoints.Inputs(r, scale, m, values, fixedShare)}</td>");
                var unreadable = new List<ValidationError>();
                if (MeetingPoints.Read(scale, m.Id, values, "", unreadable) is { } points && unreadable.Count == 0 && PointsRating.Validate(points, v.Rules, "").Count == 0)
                {
                    server = r.Level(PointsRating.Evaluate(points, v.Rules).Level);
                }
            }

            html.Add($"<td><output for=\"t-{m.Id}-Excellent t-{m.Id}-Good t-{m.Id}-Completed t-{m.Id}-NotCompleted\" aria-live=\"polite\">{server}</output>");
            foreach (ValidationError e in errors.Where(e => e.Field.StartsWith($"tallies[{i}]", StringComparison.Ordinal)))
            {
                html.Add($"<span class=\"field-error\">{r.Message(e)}</span>");
            }

            html.Add($"</td></tr>");
        }

        html.Add($"</tbody></table></div>");
        if (voted.Count == 0)
        {
            html.Add($"<p class=\"muted\">{r.T("Chưa có đảng viên nào nộp bản kiểm điểm.", "No member has submitted yet.")}</p>");
        }

        html.Add(WebPage.FieldError(r, errors, "collective", "meeting"));
        return html.Add($"<p><button type=\"submit\" id=\"record-meeting\">{r.T("Ghi biên bản họp", "Record the meeting")}</button></p></form>").ToRaw();
    }

    /// <summary>The rule set's point bands for the page's script, top down; empty when it does not score points.</summary>
    private static string Bands(PointsScale? scale) => scale is null ? "" : JsonSerializer.Serialize(scale.Bands.Select(b => new
    {
        level = b.Level.ToString(),
        min = b.MinPoints.Value,
        req = b.Requirements.Select(q => new { metric = q.Metric.ToString(), min = q.Min, max = q.Max }),
    }));

    /// <summary>Voted on: submitted and rated (one admitted under 6 months is reviewed but gets no vote).</summary>
    private static bool IsVotedOn(CellView v, Member m)
        => v.Latest[m.Id] is not null && CycleRules.For(v.Cycle.Input.RuleSetId).EligibilityOf(m, v.Cycle.Input).Rated;

    private static string Threshold(VoteThreshold t) => $"{t.Numerator},{t.Denominator},{(t.Inclusive ? 1 : 0)}";

    private static async Task<IResult> PostAsync(WebRequest r)
    {
        var (view, refusal) = await LoadAsync(r);
        if (view is null)
        {
            return refusal!;
        }

        IFormCollection form = await r.Http.Request.ReadFormAsync(r.Cancellation);
        var values = form.Keys.ToDictionary(k => k, k => form[k].ToString(), StringComparer.Ordinal);
        string back = $"{WebUi.Root}/meeting?cycle={Uri.EscapeDataString(view.Cycle.CycleId)}&cell={Uri.EscapeDataString(view.Cell.Id)}";
        var commands = r.Service<Workflows.Commands.ReviewCommands>();
        if (values.GetValueOrDefault("action") == "collective")
        {
            // Last year's shortcomings of the cell itself, marked row by row, become the text of A.III.
            int unmarked = RemedyFields.Fold(form, values);
            if (unmarked > 0)
            {
                return Render(r, view, values, [new ValidationError("Required", RemedyFields.Section, $"Còn {unmarked} hạn chế kỳ trước của chi bộ chưa chọn kết quả khắc phục.", $"{unmarked} of the cell's shortcomings from last year have no result chosen.")]);
            }

            var sections = values.Where(p => p.Key.StartsWith("sections.", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(p.Value))
                .ToDictionary(p => p.Key["sections.".Length..], p => p.Value.Trim(), StringComparer.Ordinal);
            var result = await commands.SubmitCollectiveReviewAsync(view.Cycle.CycleId, view.Cycle.Input.RuleSetId, view.Cell.Id, sections, r.Caller.Actor, RequestKeys.FromForm(r.Http, values), r.Cancellation);
            return result.Errors.Count > 0 ? Render(r, view, values, result.Errors) : Results.Redirect(back + "&collective=1");
        }

        var errors = new List<ValidationError>();
        int convened = Count(values, "fullMembersConvened", errors, r);
        int present = Count(values, "fullMembersPresent", errors, r);
        var tallies = new List<VoteTally>();
        foreach (Member m in view.Members.Where(m => IsVotedOn(view, m)))
        {
            int[] votes = [.. Enum.GetValues<RatingLevel>().Select(l => int.TryParse(values.GetValueOrDefault($"t.{m.Id}.{l}"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : 0)];
            PointsAssessment? points = view.Rules.Scoring.Points is { } scale ? MeetingPoints.Read(scale, m.Id, values, $"tallies[{tallies.Count}].points", errors) : null;
            tallies.Add(new VoteTally(m.Id, votes[0], votes[1], votes[2], votes[3]) { Points = points });
        }

        for (int i = 0; i < tallies.Count; i++)
        {
            if (tallies[i].Total == 0 && tallies[i].Points is null)
            {
                errors.Add(new ValidationError("NoVotes", $"tallies[{i}]", "Chưa nhập số phiếu.", "No votes entered."));
            }
        }

        if (convened == 0 && !errors.Exists(e => e.Field == "fullMembersConvened"))
        {
            errors.Add(new ValidationError("NoneConvened", "fullMembersConvened", "Chưa có đảng viên chính thức nào được triệu tập.", "No full members were convened."));
        }

        errors.AddRange(CellMeetingValidator.Validate(new CellMeeting(view.Cell.Id, DateOnly.FromDateTime(r.Service<TimeProvider>().GetUtcNow().UtcDateTime), convened, present, tallies), view.Members, view.Rules));
        if ((view.Status?.GetProperty("collectiveVersions").GetInt32() ?? 0) == 0)
        {
            errors.Add(new ValidationError("CollectiveFirst", "collective", "Chi bộ chưa nộp báo cáo kiểm điểm tập thể (Mẫu 01).", "The cell's collective review must come before the meeting."));
        }

        if (errors.Count > 0)
        {
            return Render(r, view, values, errors);
        }

        var record = await r.Service<Api.Reviews.RemedyResults>().WithFixedSharesAsync(view.Cycle.Input, view.Rules.Scoring.Points,
            new MeetingRecorded(convened, present, [.. tallies.Select(MemberTally.From)], r.Caller.Actor), r.Cancellation);
        await commands.RecordMeetingAsync(view.Cycle.CycleId, view.Cell.Id, record, null, r.Cancellation);
        return Results.Redirect(back + "&recorded=1");
    }

    private static int Count(Dictionary<string, string> values, string field, List<ValidationError> errors, WebRequest r)
    {
        _ = r;
        if (int.TryParse(values.GetValueOrDefault(field), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n))
        {
            return n;
        }

        errors.Add(new ValidationError("Required", field, "Hãy nhập một số.", "Enter a number."));
        return 0;
    }
}
