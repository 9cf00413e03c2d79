using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Reports;

/// <summary>How many members (or organizations) were rated at each level (số lượng theo mức xếp loại).</summary>
public readonly record struct RatingCounts(int Excellent, int Good, int Completed, int NotCompleted)
{
    /// <summary>Everyone with a level: the denominator of the report's percentages.</summary>
    public int Rated => Excellent + Good + Completed + NotCompleted;

    public int this[RatingLevel level] => level switch
    {
        RatingLevel.Excellent => Excellent,
        RatingLevel.Good => Good,
        RatingLevel.Completed => Completed,
        RatingLevel.NotCompleted => NotCompleted,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>
    /// The level's share of rated members in percent, one decimal, halves away from zero as people round by
    /// hand; null when nobody was rated, so a report shows a blank rather than a misleading 0.0.
    /// </summary>
    public decimal? Percent(RatingLevel level) =>
        Rated == 0 ? null : Math.Round(this[level] * 100m / Rated, 1, MidpointRounding.AwayFromZero);
}
