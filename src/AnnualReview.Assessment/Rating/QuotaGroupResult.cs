namespace AnnualReview.Assessment.Rating;

/// <summary>
/// The quota in one group: <see cref="MaxExcellent"/> is ⌊share × Good⌋ for the counts as they stand;
/// <see cref="Guidance"/> is set only when the group is over it.
/// </summary>
public sealed record QuotaGroupResult(
    string Group,
    int ExcellentCount,
    int GoodCount,
    decimal Share,
    int MaxExcellent,
    QuotaGuidance? Guidance)
{
    public bool IsWithin => Guidance is null;
}
