using System.Collections.Concurrent;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rating;
using AnnualReview.Assessment.Rules;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Workflows.Rules;

/// <summary>The quota as the workflows need it: whether it holds, and what to move when it does not.</summary>
public sealed record QuotaOutcome(bool Ok, string? GuidanceVi, string? GuidanceEn, QuotaReport Report);

/// <summary>
/// The domain's rules for one pinned rule set, in the shapes the orchestrations use. Pure and deterministic,
/// so orchestrator code may call it; the rule set is loaded once per process and never changes while it runs.
/// </summary>
public sealed partial class CycleRules
{
    private static readonly ConcurrentDictionary<string, CycleRules> Loaded = new(StringComparer.Ordinal);

    private CycleRules(RuleSet ruleSet)
    {
        RuleSet = ruleSet;
    }

    public RuleSet RuleSet { get; }

    public static CycleRules For(string ruleSetId) => Loaded.GetOrAdd(ruleSetId, id => new CycleRules(RuleSetLoader.Load(id)));

    public string QuotaGroupOf(Member member, string grassrootsId) => QuotaGroup.KeyFor(member, grassrootsId, RuleSet);

    /// <summary>Checks a meeting record against the cell: the domain's rules, plus "only members who finished their self-review are voted on".</summary>
    public IReadOnlyList<string> ValidateMeeting(MeetingRecorded meeting, IReadOnlyList<CellMember> members, IReadOnlyDictionary<string, MemberResult> results)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var errors = CellMeetingValidator.Validate(ToCellMeeting(meeting), members.Select(m => m.Member), RuleSet)
            .Select(e => $"{e.Field}: {e.MessageVi} / {e.MessageEn}")
            .ToList();
        if (meeting.FullMembersConvened == 0)
        {
            errors.Add("fullMembersConvened: Chưa có đảng viên chính thức nào được triệu tập. / No full members were convened.");
        }

        foreach (MemberTally tally in meeting.Tallies)
        {
            if (results.TryGetValue(tally.MemberId, out MemberResult? result) && result.Stage is not (MemberStage.Submitted or MemberStage.Proposed))
            {
                errors.Add($"tallies.{tally.MemberId}: Đảng viên chưa hoàn thành bản kiểm điểm hoặc không thuộc diện xếp loại. / The member has not finished the self-review or is not rated this year.");
            }
        }

        return errors;
    }

    /// <summary>The level the cell's vote (or agreed points) proposes, lowered to the member's cap when the rule set caps them.</summary>
    public RatingLevel ProposedLevel(MemberTally tally, MeetingRecorded meeting, Eligibility eligibility)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(eligibility);
        RatingLevel level = Assessment.Rating.ProposedLevel.From(tally.ToVoteTally(), ToCellMeeting(meeting), RuleSet);
        return eligibility.CappedAt is { } cap && level < cap ? cap : level;
    }

    public QuotaOutcome CheckQuota(IEnumerable<(string MemberId, string Group, RatingLevel Level)> levels)
    {
        QuotaReport report = QuotaCheck.Check(levels, RuleSet);
        var broken = report.Broken.Where(g => g.Guidance is not null).ToList();
        return broken.Count == 0
            ? new QuotaOutcome(true, null, null, report)
            : new QuotaOutcome(false,
                string.Join("; ", broken.Select(g => $"{g.Group}: {g.Guidance!.MessageVi}")),
                string.Join("; ", broken.Select(g => $"{g.Group}: {g.Guidance!.MessageEn}")),
                report);
    }

    private static CellMeeting ToCellMeeting(MeetingRecorded meeting)
        => new("cell", default, meeting.FullMembersConvened, meeting.FullMembersPresent, [.. meeting.Tallies.Select(t => t.ToVoteTally())]);
}
