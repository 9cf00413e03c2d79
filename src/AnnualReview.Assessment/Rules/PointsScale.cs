namespace AnnualReview.Assessment.Rules;

/// <summary>The 100-point scale (thang điểm) of QĐ 366: criteria groups and the level bands.
/// <c>Bands</c>: highest level first; a member gets the first band whose minimum and requirements hold.
/// <c>PartlyFixedWeight</c>: how much a partly fixed shortcoming counts towards <c>shortcomingsFixedShare</c>.
/// </summary>
public sealed record PointsScale(
    Sourced<int> MaxPoints,
    IReadOnlyList<CriteriaGroup> CriteriaGroups,
    IReadOnlyList<LevelBand> Bands,
    Sourced<decimal> PartlyFixedWeight);
