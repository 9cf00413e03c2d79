namespace AnnualReview.Assessment.Rating;

/// <summary>The quota in every group of a decision; finalizing is refused until <see cref="IsWithin"/>.</summary>
public sealed record QuotaReport(IReadOnlyList<QuotaGroupResult> Groups)
{
    public bool IsWithin => Groups.All(g => g.IsWithin);

    public IEnumerable<QuotaGroupResult> Broken => Groups.Where(g => !g.IsWithin);
}
