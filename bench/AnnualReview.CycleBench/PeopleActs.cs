using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Rules;

namespace AnnualReview.CycleBench;

/// <summary>
/// What each simulated person does, as commands on <see cref="ReviewCommands"/>: members submit, secretaries open
/// and record meetings, grassroots committees appraise (and fix the quota when told), committees rate.
/// </summary>
internal sealed partial class PeopleActs(string cycleId, ReviewCommands commands, Observer observer, bool attachments)
{
    private static readonly byte[] Scan = [0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x0A];

    private readonly CycleRules _rules = CycleRules.For(CityPlan.RuleSetId);
    private readonly ConcurrentDictionary<string, RatingLevel> _proposed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Dictionary<string, string>> _sections = new(StringComparer.Ordinal);
    private int _refusedOnce;
    private int _moved;
    private int _notFinalized;

    /// <summary>Grassroots organizations whose first finalize was refused by the quota, and members moved to Good.</summary>
    public (int RefusedOnce, int Moved, int NotFinalized) QuotaFixes => (_refusedOnce, _moved, _notFinalized);

    /// <summary>How many members each cell's meeting tallied (those who submitted); filled when records are built.</summary>
    public static int Tallied(Cell cell) => cell.People.Count(p => p.Fate is Fate.OnTime or Fate.Late);

    /// <summary>Each act is one request: done again (a repeat), the cell applies it once.</summary>
    private static CommandRequest Request(string key) => new(key, MayHaveRun: false);

    public Act Submit(Person person, DateTimeOffset at) => new(at, person.Member.Id, async c =>
    {
        FormDefinition form = _rules.RuleSet.FormFor(person.Member);
        IReadOnlyList<AttachmentUpload> files = attachments ? [new AttachmentUpload("ban-kiem-diem.pdf", "application/pdf", Scan)] : [];
        SubmitResult result = await commands.SubmitSelfReviewAsync(cycleId, CityPlan.RuleSetId, person.Member, form.Code, SectionsFor(form), person.Intended, files, person.Member.Id, Request("self-review|" + person.Member.Id), c);
        if (result.Errors.Count > 0)
        {
            throw new InvalidOperationException("self-review refused: " + string.Join("; ", result.Errors.Select(e => e.MessageEn)));
        }
    });

    /// <summary>
    /// The secretary submits the cell's collective review (Mẫu 01), owed with the members' self-reviews. Done again, it is
    /// the same request: it stores nothing new and tells the cell again.
    /// </summary>
    public Act Collective(Cell cell, DateTimeOffset at) => new(at, cell.Unit.Id, async c =>
    {
        FormDefinition form = _rules.RuleSet.CollectiveForm;
        Dictionary<string, string> sections = SectionsFor(form);
        if (sections.Count == 0)
        {
            // The rule set lists no sections for form 01: the report is free text under part A.
            sections = new Dictionary<string, string>(StringComparer.Ordinal) { ["A.I"] = "Chi bộ hoàn thành tốt nhiệm vụ năm 2025." };
        }

        SubmitResult result = await commands.SubmitCollectiveReviewAsync(cycleId, CityPlan.RuleSetId, cell.Unit.Id, sections, Secretary(cell.Unit.Id), Request("collective|" + cell.Unit.Id), c);
        if (result.Errors.Count > 0)
        {
            throw new InvalidOperationException("collective review refused: " + string.Join("; ", result.Errors.Select(e => e.MessageEn)));
        }
    });

    public Act Open(Cell cell, DateTimeOffset at) => new(at, cell.Unit.Id, c => commands.OpenMeetingAsync(cycleId, cell.Unit.Id, Secretary(cell.Unit.Id), Request("open|" + cell.Unit.Id), c));

    /// <summary>
    /// The meeting's record: every full member convened (not the exempt or suspended ones, whom the rule leaves out), one absent in larger cells, and every present full member
    /// voting for the level the plan intends; only members who submitted are voted on.
    /// </summary>
    public Act Record(Cell cell, DateTimeOffset at, Random random)
    {
        int convened = cell.FullMembers;
        int present = convened >= 9 && random.NextDouble() < 0.5 ? convened - 1 : convened;
        var tallies = new List<MemberTally>();
        foreach (Person person in cell.People.Where(p => p.Fate is Fate.OnTime or Fate.Late))
        {
            tallies.Add(new MemberTally(person.Member.Id, new Dictionary<RatingLevel, int> { [person.Intended] = present }));
        }

        var meeting = new MeetingRecorded(convened, present, tallies, Secretary(cell.Unit.Id));
        if (convened > 0)
        {
            foreach ((MemberTally tally, Person person) in tallies.Zip(cell.People.Where(p => p.Fate is Fate.OnTime or Fate.Late)))
            {
                _proposed[person.Member.Id] = _rules.ProposedLevel(tally, meeting, person.Eligibility);
            }
        }

        return new Act(at, cell.Unit.Id, c => commands.RecordMeetingAsync(cycleId, cell.Unit.Id, meeting, Request("meeting|" + cell.Unit.Id), c));
    }

    /// <summary>Finalizes as proposed; when the quota refuses, moves as many Excellent to Good as the guidance says, and finalizes again.</summary>
    public Act Appraise(Grassroots grassroots, DateTimeOffset at) => new(at, grassroots.Unit.Id, async c =>
    {
        string instance = CycleInstanceIds.Unit(cycleId, grassroots.Unit.Id);
        var cellLevels = grassroots.Cells.ToDictionary(x => x.Unit.Id, _ => RatingLevel.Good, StringComparer.Ordinal);
        var decisions = new List<MemberDecision>();
        for (int attempt = 1; attempt <= 4; attempt++)
        {
            await commands.SubmitAppraisalAsync(cycleId, grassroots.Unit.Id, new AppraisalSubmitted([.. decisions], cellLevels, Secretary(grassroots.Unit.Id), Finalize: true), Request($"appraisal|{grassroots.Unit.Id}|{attempt}"), c);
            JsonElement status = await OutcomeAsync(instance, decisions.Count, c);
            if (status.GetProperty("finalized").GetBoolean())
            {
                return;
            }

            if (attempt == 1)
            {
                Interlocked.Increment(ref _refusedOnce);
            }

            List<MemberDecision> moves = MovesFor(grassroots, status.GetProperty("quota").GetString() ?? "", decisions);
            if (moves.Count == 0)
            {
                break;
            }

            decisions.AddRange(moves);
            Interlocked.Add(ref _moved, moves.Count);
        }

        Interlocked.Increment(ref _notFinalized);
        Console.Error.WriteLine($"{grassroots.Unit.Id}: not finalized after the quota guidance was followed");
    });

    public Act Rate(Committee committee, DateTimeOffset at) => new(at, committee.Unit.Id, c =>
    {
        var levels = committee.Children.Select((child, i) => (child.Id, Level: i % 7 == 3 ? RatingLevel.Excellent : RatingLevel.Good))
            .ToDictionary(x => x.Id, x => x.Level, StringComparer.Ordinal);
        return commands.RateOrganizationsAsync(cycleId, committee.Unit.Id, new OrganizationsRated(levels, Secretary(committee.Unit.Id)), Request("rating|" + committee.Unit.Id), c);
    });

    /// <summary>A filled-in form: a sentence or two in every section of part A (part B is the self-rated level).</summary>
    private Dictionary<string, string> SectionsFor(FormDefinition form) => _sections.GetOrAdd(form.Code, _ => form.Parts
        .Where(p => p.Code != "B")
        .SelectMany(p => p.Sections)
        .ToDictionary(x => x.Code, x => $"{x.TitleVi}: hoàn thành tốt nhiệm vụ được giao; còn chậm trong một số việc, sẽ khắc phục trong năm tới.", StringComparer.Ordinal));

    private static string Secretary(string unitId) => "sec-" + unitId;

    /// <summary>Waits until the appraisal with <paramref name="decided"/> decisions is applied: finalized, or refused.</summary>
    private async Task<JsonElement> OutcomeAsync(string instance, int decided, CancellationToken cancellation)
    {
        for (int poll = 0; poll < 2400; poll++)
        {
            await Task.Delay(250, cancellation);
            (_, JsonElement? status) = await observer.StatusAsync(instance, cancellation);
            if (status is { } s && s.TryGetProperty("finalized", out JsonElement finalized)
                && (finalized.GetBoolean() || (s.GetProperty("refusal").ValueKind == JsonValueKind.String && s.GetProperty("decided").GetInt32() == decided)))
            {
                return s;
            }
        }

        throw new TimeoutException($"{instance}: the appraisal was not applied within 10 minutes");
    }

    /// <summary>Reads "group: Move k of the n Excellent to Good; …" and picks k of that group's Excellent members.</summary>
    private List<MemberDecision> MovesFor(Grassroots grassroots, string guidance, List<MemberDecision> already)
    {
        var taken = already.Select(d => d.MemberId).ToHashSet(StringComparer.Ordinal);
        var moves = new List<MemberDecision>();
        foreach (Match match in Guidance().Matches(guidance))
        {
            string group = match.Groups["group"].Value.Trim();
            int k = int.Parse(match.Groups["k"].Value, System.Globalization.CultureInfo.InvariantCulture);
            moves.AddRange(grassroots.Cells.SelectMany(x => x.People)
                .Where(p => p.QuotaGroup == group && !taken.Contains(p.Member.Id) && _proposed.GetValueOrDefault(p.Member.Id, RatingLevel.NotCompleted) == RatingLevel.Excellent)
                .OrderBy(p => p.Member.Id, StringComparer.Ordinal)
                .Take(k)
                .Select(p => new MemberDecision(p.Member.Id, RatingLevel.Good, "Chưa có sáng kiến nổi bật trong năm (giữ tỷ lệ)")));
        }

        return moves;
    }

    [GeneratedRegex(@"(?<group>[^;]+?): Move (?<k>\d+) of the (?<n>\d+) Excellent to Good")]
    private static partial Regex Guidance();
}
