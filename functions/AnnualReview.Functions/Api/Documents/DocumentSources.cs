using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;
using AnnualReview.Documents;
using AnnualReview.Documents.Layout;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.TaskHub.History;
using AnnualReview.TaskHub.Sealing;
using AnnualReview.Workflows;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Api.Documents;

/// <summary>
/// Builds each official document of a cycle from what the cycle stored: the submissions, the read models and, for
/// the meeting's head counts, the cell's own history (the record the secretary made, exactly as the cell took it).
/// Access is checked by the caller; a document whose step has not happened yet comes back null.
/// </summary>
internal sealed class DocumentSources(RosterStore roster, SubmissionStore submissions, ReadModelStore readModels, HistoryVerifier histories, CycleDirectory cycles, TimeProvider clock, DocumentSettings settings, RemedyResults remedies)
{
    private readonly AppraisalTable _appraisal = new(roster, readModels, remedies);

    public RosterStore Roster => roster;

    public async Task<DocumentFile?> SelfReviewAsync(CycleInfo cycle, Member member, CancellationToken cancellation)
    {
        SelfReviewVersion? latest = (await submissions.VersionsAsync(cycle.Input.CycleId, member.Id, cancellation)).MaxBy(v => v.Version);
        if (latest is null)
        {
            return null;
        }

        Unit cell = await roster.GetUnitAsync(member.CellId, cancellation) ?? new Unit(member.CellId, member.CellId, UnitKind.Cell, null);
        FormDefinition form = cycle.Rules.RuleSet.Forms.FirstOrDefault(f => f.Code == latest.Form) ?? cycle.Rules.RuleSet.FormFor(member);
        List<FormPartText> parts = [.. form.Parts.Select(p => new FormPartText(p.Code, p.TitleVi,
            [.. p.Sections.Select(s => new FormSectionText(s.Code, s.TitleVi, latest.Sections.GetValueOrDefault(s.Code)))]))];
        var data = new SelfReviewData(await HeadingAsync(cycle, cell, cancellation), form.Code, form.TitleVi, cycle.Input.Year, member.FullName, cell.Name,
            member.LeadershipPost, parts, latest.SelfRating, latest.Version, Local(cycle, latest.SubmittedAt));
        return new DocumentFile($"cells/{cell.Id}/members/{member.Id}-self-review-{form.Code}.docx", SelfReviewDocument.Write(data));
    }

    public async Task<DocumentFile?> CollectiveReportAsync(CycleInfo cycle, Unit cell, CancellationToken cancellation)
    {
        SelfReviewVersion? latest = (await submissions.VersionsAsync(cycle.Input.CycleId, CollectiveReview.Id(cell.Id), cancellation)).MaxBy(v => v.Version);
        if (latest is null)
        {
            return null;
        }

        // The form's sections with their titles where the rule set lists them; otherwise the codes the secretary used.
        var listed = cycle.Rules.RuleSet.CollectiveForm.Parts.SelectMany(p => p.Sections).ToList();
        List<FormSectionText> sections = listed.Count > 0
            ? [.. listed.Where(s => latest.Sections.ContainsKey(s.Code)).Select(s => new FormSectionText(s.Code, s.TitleVi, latest.Sections[s.Code]))]
            : [.. latest.Sections.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new FormSectionText(s.Key, "", s.Value))];
        var data = new CollectiveReportData(await HeadingAsync(cycle, cell, cancellation), cycle.Input.Year, cell.Name, sections, null, latest.Version);
        return new DocumentFile($"cells/{cell.Id}/collective-report-01.docx", CollectiveReportDocument.Write(data));
    }

    /// <summary>The minutes of the cell's meeting as recorded (the last main record; a supplementary one only when there is no other).</summary>
    public async Task<DocumentFile?> MeetingMinutesAsync(CycleInfo cycle, Unit cell, CancellationToken cancellation)
    {
        VerifiedHistory history = await histories.ReadAndVerifyAsync(CycleInstanceIds.Unit(cycle.Input.CycleId, cell.Id), cancellation);
        List<(HistoryRecord Event, MeetingRecorded Meeting)> records = [.. history.Events
            .Where(e => e is { EventType: "EventRaised", Name: EventNames.MeetingRecorded, Payload: not null })
            .Select(e => (e, WorkflowJson.Deserialize<MeetingRecorded>(e.Payload!)))
            .Where(r => r.Item2 is not null)
            .Select(r => (r.e, r.Item2!))];
        if (records.Count == 0)
        {
            return null;
        }

        (HistoryRecord recorded, MeetingRecorded meeting) = records.LastOrDefault(r => !r.Meeting.Supplementary) is { Meeting: not null } main ? main : records[^1];
        var members = (await roster.GetCellMembersAsync(cell.Id, cancellation)).ToDictionary(m => m.Id, StringComparer.Ordinal);
        var stages = (await readModels.ReadMemberStagesAsync(cycle.Input.CycleId, cell.Id, cancellation)).ToDictionary(m => m.MemberId, StringComparer.Ordinal);
        List<MinutesTally> tallies = [.. meeting.Tallies.Select(t =>
        {
            Member? member = members.GetValueOrDefault(t.MemberId);
            RatingLevel proposed = member is null ? stages.GetValueOrDefault(t.MemberId)?.Proposed ?? RatingLevel.Completed
                : cycle.Rules.ProposedLevel(t, meeting, cycle.Rules.EligibilityOf(member, cycle.Input));
            return new MinutesTally(member?.FullName ?? t.MemberId, stages.GetValueOrDefault(t.MemberId)?.SelfRating, t.Votes, proposed, t.Points?.TotalPoints);
        })];
        var data = new MeetingMinutesData(await HeadingAsync(cycle, cell, cancellation), cycle.Input.Year, cell.Name, meeting.FullMembersConvened,
            meeting.FullMembersPresent, meeting.Supplementary, tallies, RecorderName(meeting.RecordedBy, members), null,
            Local(cycle, cycle.Input.Clock.ToCycleTime(recorded.Timestamp)));
        return new DocumentFile($"cells/{cell.Id}/meeting-minutes.docx", MeetingMinutesDocument.Write(data));
    }

    public async Task<DocumentFile> DecisionListAsync(CycleInfo cycle, Unit organization, CancellationToken cancellation)
    {
        UnitStep? step = await cycles.StepAsync(cycle.Input.CycleId, organization.Id, cancellation);
        bool final = step?.Stage == "decided";
        List<AppraisalRow> rows = await _appraisal.RowsAsync(cycle, organization.Id, withDecisions: final, cancellation);
        List<Unit> cells = [.. (await roster.GetChildrenAsync(organization.Id, cancellation)).Where(u => u.Kind == UnitKind.Cell)];
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Member member in (await Task.WhenAll(cells.Select(c => roster.GetCellMembersAsync(c.Id, cancellation)))).SelectMany(m => m))
        {
            names[member.Id] = member.FullName;
        }

        var cellNames = cells.ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        Dictionary<string, string> reasons = await DecisionReasonsAsync(cycle, organization, cancellation);
        List<DecidedMember> members = [.. rows.Select(r => new DecidedMember(names.GetValueOrDefault(r.MemberId, r.MemberId), cellNames.GetValueOrDefault(r.CellId, r.CellId),
            r.SelfRating, r.Proposed, r.Decision, r.Reason ?? reasons.GetValueOrDefault(r.MemberId)))];
        var data = new DecisionListData(await HeadingAsync(cycle, organization, cancellation), cycle.Input.Year, organization.Name, final, members, null);
        return new DocumentFile($"units/{organization.Id}/decision-list.docx", DecisionListDocument.Write(data));
    }

    /// <summary>
    /// The reasons the committee gave for departing from a proposal, from its last appraisal in the organization's
    /// history: the read models keep the level decided, not why.
    /// </summary>
    private async Task<Dictionary<string, string>> DecisionReasonsAsync(CycleInfo cycle, Unit organization, CancellationToken cancellation)
    {
        VerifiedHistory history = await histories.ReadAndVerifyAsync(CycleInstanceIds.Unit(cycle.Input.CycleId, organization.Id), cancellation);
        AppraisalSubmitted? last = history.Events
            .Where(e => e is { EventType: "EventRaised", Name: EventNames.Appraisal, Payload: not null })
            .Select(e => WorkflowJson.Deserialize<AppraisalSubmitted>(e.Payload!))
            .LastOrDefault(a => a is not null);
        return last?.Decisions.Where(d => d.Reason is not null).ToDictionary(d => d.MemberId, d => d.Reason!, StringComparer.Ordinal) ?? [];
    }

    /// <summary>The report upward (Mẫu 04) from the progress read model: one line per unit directly below.</summary>
    public async Task<DocumentFile> UnitReportAsync(CycleInfo cycle, Unit unit, IReadOnlyList<ProgressRow> progress, CancellationToken cancellation)
    {
        List<ReportedUnit> lines = [.. progress.Where(p => p.ParentId == unit.Id).OrderBy(p => p.UnitId, StringComparer.Ordinal)
            .Select(p => new ReportedUnit(p.UnitName, p.Members, p.ByLevel, p.ByStage.GetValueOrDefault(MemberStage.NotRated), p.UnitLevel))];
        Unit? parent = unit.ParentId is { } parentId ? await roster.GetUnitAsync(parentId, cancellation) : null;
        string recipient = parent is null ? "Ban Tổ chức Trung ương" : "Ban Thường vụ " + parent.Name;
        var data = new UnitReportData(await HeadingAsync(cycle, unit, cancellation), cycle.Input.Year, unit.Name, recipient, lines, null);
        return new DocumentFile($"units/{unit.Id}/report-04.docx", UnitReportDocument.Write(data));
    }

    /// <summary>The re-rating decision (Mẫu 03), issued in the name of the organization above the member's cell.</summary>
    public async Task<DocumentFile> ReRatingAsync(Member member, ReRatingInput input, ReRatingOutcome? outcome, string reference, CancellationToken cancellation)
    {
        Unit cell = await roster.GetUnitAsync(member.CellId, cancellation) ?? new Unit(member.CellId, member.CellId, UnitKind.Cell, null);
        Unit issuer = cell.ParentId is { } parentId && await roster.GetUnitAsync(parentId, cancellation) is { } parent ? parent : cell;
        DocumentHeading heading = await HeadingAsync(TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"), issuer, cancellation);
        var data = new ReRatingDecisionData(heading, member.FullName, cell.Name, input.Year, outcome?.CancelledLevel, input.NewLevel, input.Reason, NumberLine(input.DecisionReference ?? reference),
            outcome?.RevokedAwards ?? [], input.DecidedBy);
        return new DocumentFile($"cells/{cell.Id}/members/{member.Id}-re-rating-{input.Year}-{reference}-03.docx", ReRatingDecisionDocument.Write(data));
    }

    /// <summary>The heading's number line: committees write "15-QĐ/TU", the form prints "Số 15-QĐ/TU".</summary>
    private static string NumberLine(string reference)
        => reference.StartsWith("Số ", StringComparison.OrdinalIgnoreCase) ? reference : "Số " + reference;

    /// <summary>A cycle-time UTC moment as the people of the cycle read clocks.</summary>
    private static DateTime Local(CycleInfo cycle, DateTime utc)
        => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById(cycle.Input.TimeZone));

    /// <summary>"subject (m01)" names the secretary by member id; print their name when they belong to the cell.</summary>
    private static string RecorderName(string actor, Dictionary<string, Member> members)
    {
        int open = actor.LastIndexOf('(');
        string? memberId = open >= 0 && actor.EndsWith(')') ? actor[(open + 1)..^1] : null;
        return memberId is not null && members.TryGetValue(memberId, out Member? member) ? member.FullName : actor;
    }

    private Task<DocumentHeading> HeadingAsync(CycleInfo cycle, Unit unit, CancellationToken cancellation)
        => HeadingAsync(TimeZoneInfo.FindSystemTimeZoneById(cycle.Input.TimeZone), unit, cancellation);

    /// <summary>The unit under its superior, dated today where the cycle runs.</summary>
    private async Task<DocumentHeading> HeadingAsync(TimeZoneInfo zone, Unit unit, CancellationToken cancellation)
    {
        Unit? superior = unit.ParentId is { } parentId ? await roster.GetUnitAsync(parentId, cancellation) : null;
        DateOnly today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        return new DocumentHeading(superior?.Name, unit.Name, settings.Place, today);
    }
}
