using System.Text.Json;
using AnnualReview.Assessment.Model;
using Microsoft.DurableTask;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Rules;

namespace AnnualReview.Workflows.Orchestrators;

/// <summary>
/// The grassroots committee's appraisal (thẩm định): accept or override each proposed level with a reason,
/// then finalize, which is refused while the quota is broken, with guidance on how many to move.
/// </summary>
internal sealed class AppraisalState(IEnumerable<CellOutcome> cells, CycleRules rules)
{
    public Dictionary<string, MemberResult> Members { get; } = cells.SelectMany(c => c.Members).ToDictionary(m => m.MemberId, StringComparer.Ordinal);

    public Dictionary<string, RatingLevel> Decided { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, RatingLevel> CellLevels { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> CellConclusions { get; } = new(StringComparer.Ordinal);

    public bool Finalized { get; private set; }

    public string? LastRefusal { get; private set; }

    public QuotaOutcome Quota => rules.CheckQuota(Levels());

    public void Apply(JsonElement payload)
    {
        var appraisal = payload.Deserialize<AppraisalSubmitted>(WorkflowJson.Options)!;
        foreach (MemberDecision decision in appraisal.Decisions)
        {
            if (!Members.TryGetValue(decision.MemberId, out MemberResult? member) || member.Proposed is null)
            {
                LastRefusal = $"{decision.MemberId}: has no proposed level to decide on";
                return;
            }

            if (decision.Level != member.Proposed && string.IsNullOrWhiteSpace(decision.Reason))
            {
                LastRefusal = $"{decision.MemberId}: changing {member.Proposed} to {decision.Level} needs a reason";
                return;
            }
        }

        foreach (MemberDecision decision in appraisal.Decisions)
        {
            Decided[decision.MemberId] = decision.Level;
            MemberResult decided = Members[decision.MemberId];
            Members[decision.MemberId] = decided with { Reason = decision.Reason ?? decided.Reason, Conclusion = decision.Reason ?? decided.Conclusion };
        }

        foreach (var (cell, level) in appraisal.CellLevels)
        {
            CellLevels[cell] = level;
        }

        foreach (var (cell, conclusion) in appraisal.CellConclusions ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(conclusion))
            {
                CellConclusions.Remove(cell);
            }
            else
            {
                CellConclusions[cell] = conclusion.Trim();
            }
        }

        LastRefusal = null;
        if (appraisal.Finalize)
        {
            QuotaOutcome quota = Quota;
            if (!quota.Ok)
            {
                LastRefusal = quota.GuidanceVi + " / " + quota.GuidanceEn;
                return;
            }

            Finalized = true;
        }
    }

    /// <summary>The cells rated, each with the committee's conclusion on it if any.</summary>
    public IReadOnlyList<CellRating> CellRatings()
        => [.. CellLevels.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new CellRating(c.Key, c.Value, CellConclusions.GetValueOrDefault(c.Key)))];

    /// <summary>Each member's level as it stands: the decision if made, otherwise the cell's proposal.</summary>
    public IReadOnlyList<(string MemberId, string Group, RatingLevel Level)> Levels()
        => [.. Members.Values
            .Where(m => m.Proposed is not null)
            .Select(m => (m.MemberId, m.QuotaGroup, Decided.TryGetValue(m.MemberId, out RatingLevel level) ? level : m.Proposed!.Value))];

    public List<MemberResult> FinalResults()
    {
        var levels = Levels().ToDictionary(l => l.MemberId, l => l.Level, StringComparer.Ordinal);
        return [.. Members.Values
            .OrderBy(m => m.MemberId, StringComparer.Ordinal)
            .Select(m => levels.TryGetValue(m.MemberId, out RatingLevel level) ? m with { Stage = MemberStage.Decided, Final = level } : m)];
    }

    public object Status(string stage)
    {
        QuotaOutcome quota = Quota;
        return new
        {
            stage,
            members = Members.Count,
            proposed = Members.Values.Count(m => m.Proposed is not null),
            decided = Decided.Count,
            finalized = Finalized,
            quotaOk = quota.Ok,
            quota = quota.GuidanceEn,
            quotaVi = quota.GuidanceVi,
            refusal = LastRefusal,
        };
    }
}
