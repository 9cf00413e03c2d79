namespace AnnualReview.Assessment.Rules;

/// <summary>
/// One extra condition of a band, e.g. "100% of tasks on time" (<see cref="Min"/> = 1) or "at most 20%
/// behind schedule" (<see cref="Max"/> = 0.2). Both bounds are inclusive; at least one is set.
/// </summary>
public sealed record BandRequirement(ScoringMetric Metric, decimal? Min, decimal? Max, string Source, bool Confirmed)
{
    public bool IsMetBy(decimal value) => (Min is not { } min || value >= min) && (Max is not { } max || value <= max);
}
