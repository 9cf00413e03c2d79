using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Assessment.Recognition;

/// <summary>
/// Awards, flags and follow-up from a member's final level (khen thưởng, giúp đỡ sau xếp loại).
/// Runs are counted back from the year through <c>previousYears</c>; a year missing from it (not rated, or
/// before the records start) ends the run, so pass the full history.
/// </summary>
public static class RecognitionRules
{
    /// <remarks>
    /// The five-year award is granted when the run of Excellent years ending this year is a multiple of the
    /// rule set's length (5, 10, …): a sixth Excellent year does not earn a second award for an overlapping window.
    /// The Not completed flag fires on every year that ends a run at least as long as the rule's.
    /// </remarks>
    public static RecognitionOutcome Evaluate(
        string memberId,
        int year,
        RatingLevel level,
        IReadOnlyDictionary<int, RatingLevel> previousYears,
        RecognitionRuleSet rules)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(memberId);
        ArgumentNullException.ThrowIfNull(previousYears);
        ArgumentNullException.ThrowIfNull(rules);

        int run = 1 + RunBefore(year, level, previousYears);
        var awards = new List<Award>();
        var flags = new List<RecognitionFlag>();
        FollowUpPlan? followUp = null;

        if (level == RatingLevel.Excellent)
        {
            awards.Add(AwardFor(AwardKind.YearCertificate, memberId, year, rules.YearCertificate));
            if (run % rules.ConsecutiveExcellent.Years == 0)
            {
                awards.Add(AwardFor(AwardKind.FiveConsecutiveExcellent, memberId, year, rules.ConsecutiveExcellent));
            }
        }
        else if (level == RatingLevel.NotCompleted)
        {
            FlagRule flag = rules.ConsecutiveNotCompleted;
            bool raise = flag.Enabled && run >= flag.Years;
            if (raise)
            {
                flags.Add(new RecognitionFlag(FlagKind.TwoConsecutiveNotCompleted, memberId, year, year - flag.Years + 1, flag.NameVi, flag.NameEn));
            }

            followUp = new FollowUpPlan(memberId, year, rules.NotCompletedFollowUp.NameVi, rules.NotCompletedFollowUp.NameEn, raise);
        }

        return new RecognitionOutcome(memberId, year, level, awards, flags, followUp);
    }

    private static int RunBefore(int year, RatingLevel level, IReadOnlyDictionary<int, RatingLevel> previousYears)
    {
        int run = 0;
        while (previousYears.TryGetValue(year - run - 1, out RatingLevel earlier) && earlier == level)
        {
            run++;
        }

        return run;
    }

    private static Award AwardFor(AwardKind kind, string memberId, int year, AwardRule rule) =>
        new(kind, memberId, year, year - rule.Years + 1, rule.NameVi, rule.NameEn, rule.IssuerVi, rule.IssuerEn);
}
