using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Shortcomings;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Rules;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>
/// One member in the appraisal table: what they rated themselves, what the cell proposed, what was decided, and
/// beside it how many of last year's shortcomings the member fixed (<c>remedy</c>, null for those who submitted
/// nothing to count from).
/// </summary>
public sealed record AppraisalRow(
    string MemberId, string CellId, string QuotaGroup, MemberStage Stage, RatingLevel? SelfRating, RatingLevel? Proposed,
    IReadOnlyDictionary<RatingLevel, int>? Votes, RatingLevel? Decision, string? Reason, decimal? Points = null, RemedyTally? Remedy = null);

/// <summary>
/// The Excellent quota in one group as the levels stand: the count allowed and, when over, what to move, as a
/// sentence and as the number (<c>moveToGood</c>, 0 when within) so a client need not read it out of the text.
/// </summary>
public sealed record QuotaGroupView(string Group, int Excellent, int Good, int MaxExcellent, bool Within, string? Guidance, int MoveToGood = 0);

public sealed record AppraisalView(string CycleId, string GrassrootsId, string? Stage, bool Finalized, IReadOnlyList<AppraisalRow> Members, IReadOnlyList<QuotaGroupView> Quota);

/// <summary>
/// Builds the grassroots organization's appraisal table from the read models: each cell's member stages (the
/// proposals) and, once the decision is final, the year's ratings.
/// </summary>
internal sealed class AppraisalTable(RosterStore roster, ReadModelStore readModels, RemedyResults remedies)
{
    public async Task<List<AppraisalRow>> RowsAsync(CycleInfo cycle, string grassrootsId, bool withDecisions, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        List<Unit> cells = [.. (await roster.GetChildrenAsync(grassrootsId, cancellation)).Where(u => u.Kind == UnitKind.Cell)];
        var stages = await Task.WhenAll(cells.Select(c => readModels.ReadMemberStagesAsync(cycle.Input.CycleId, c.Id, cancellation)));
        IReadOnlyDictionary<string, MemberRemedy> remedy = await remedies.ForManyAsync(cycle.Input,
            [.. stages.SelectMany(s => s).Where(m => m.Proposed is not null).Select(m => m.MemberId)], cancellation);
        var rows = new List<AppraisalRow>();
        foreach (MemberResult member in stages.SelectMany(s => s).OrderBy(m => m.CellId, StringComparer.Ordinal).ThenBy(m => m.MemberId, StringComparer.Ordinal))
        {
            RatingLevel? decision = member.Final;
            if (withDecisions && decision is null && member.Proposed is not null)
            {
                decision = (await readModels.ReadRatingsAsync(member.MemberId, cancellation))
                    .FirstOrDefault(r => r.Year == cycle.Input.Year && !r.Cancelled && r.CycleId == cycle.Input.CycleId)?.Level;
            }

            rows.Add(new AppraisalRow(member.MemberId, member.CellId, member.QuotaGroup, decision is null ? member.Stage : MemberStage.Decided,
                member.SelfRating, member.Proposed, member.Tally?.Votes, decision, member.Reason, member.Tally?.Points?.TotalPoints, remedy.GetValueOrDefault(member.MemberId)?.Tally));
        }

        return rows;
    }

    /// <summary>The quota per group for the given levels, with the guidance in the reader's language.</summary>
    public static (QuotaOutcome Outcome, List<QuotaGroupView> Groups) Quota(CycleInfo cycle, IEnumerable<(string MemberId, string Group, RatingLevel Level)> levels, bool english)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        QuotaOutcome outcome = cycle.Rules.CheckQuota(levels);
        return (outcome, [.. outcome.Report.Groups.Select(g => new QuotaGroupView(g.Group, g.ExcellentCount, g.GoodCount, g.MaxExcellent, g.IsWithin,
            g.Guidance is null ? null : english ? g.Guidance.MessageEn : g.Guidance.MessageVi, g.Guidance?.MoveCount ?? 0))]);
    }
}
