using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Assessment.Rating;

/// <summary>
/// The level a cell's vote proposes (mức chi bộ đề xuất). The rule set says how votes are read
/// (<see cref="VoteReading"/>); the shipped ones read them cumulatively: a vote for a higher level also supports
/// every lower one, so "Good" counts the votes for Good or better. Reading of 07-HD/BTCTW:
/// Excellent if Excellent votes reach the Excellent threshold (≥ 2/3); else Good if Good-or-better votes reach
/// the Good threshold (&gt; 1/2); else Completed if Completed-or-better votes reach the Completed threshold
/// (&gt; 1/2); else Not completed. The basis (convened or present full members) comes from the rule set.
/// A tally of points (rule sets that score points) proposes the level its points and conditions reach.
/// </summary>
public static class ProposedLevel
{
    public static RatingLevel From(VoteTally tally, CellMeeting meeting, RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(ruleSet);
        if (tally.Points is { } points)
        {
            return PointsRating.Evaluate(points, ruleSet).Level;
        }

        int basis = ruleSet.Votes.Basis.Value == VoteBasis.FullMembersPresent ? meeting.FullMembersPresent : meeting.FullMembersConvened;
        return From(tally, basis, ruleSet.Votes);
    }

    /// <summary>The proposed level for <paramref name="basis"/> voters under <paramref name="thresholds"/>.</summary>
    public static RatingLevel From(VoteTally tally, int basis, VoteThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(thresholds);

        // With no voters every share is 0 of 0; a proposal would be made by nobody.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(basis);

        bool cumulative = thresholds.Reading.Cumulative;
        int excellent = tally.Excellent;
        int goodOrBetter = (cumulative ? excellent : 0) + tally.Good;
        int completedOrBetter = (cumulative ? goodOrBetter : 0) + tally.Completed;

        return thresholds.Excellent.IsReachedBy(excellent, basis) ? RatingLevel.Excellent
            : thresholds.Good.IsReachedBy(goodOrBetter, basis) ? RatingLevel.Good
            : thresholds.Completed.IsReachedBy(completedOrBetter, basis) ? RatingLevel.Completed
            : RatingLevel.NotCompleted;
    }
}
