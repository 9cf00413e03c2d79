namespace AnnualReview.Assessment.Shortcomings;

/// <summary>
/// The share of last year's shortcomings fixed, the <c>shortcomingsFixedShare</c> the QĐ 366 bands check
/// (Excellent needs 1). A partly fixed shortcoming counts with the rule set's weight.
/// </summary>
public static class FixedShare
{
    /// <summary>
    /// 0 to 1. With nothing carried (a first cycle, or a clean previous review) nothing is left unfixed, so the
    /// share is 1 and does not hold a member back from Excellent.
    /// </summary>
    public static decimal Of(IReadOnlyCollection<ShortcomingFix> fixes, decimal partlyFixedWeight)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        ArgumentOutOfRangeException.ThrowIfNegative(partlyFixedWeight);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partlyFixedWeight, 1m);
        if (fixes.Count == 0)
        {
            return 1m;
        }

        decimal done = fixes.Sum(f => f.State switch
        {
            FixState.Fixed => 1m,
            FixState.PartlyFixed => partlyFixedWeight,
            _ => 0m,
        });
        return done / fixes.Count;
    }

    /// <summary>How many are fully fixed, for "Khắc phục: 2/3" on the meeting and appraisal pages and reports.</summary>
    public static (int Fixed, int Total) Count(IReadOnlyCollection<ShortcomingFix> fixes)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        return (fixes.Count(f => f.State == FixState.Fixed), fixes.Count);
    }
}
