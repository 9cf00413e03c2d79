namespace AnnualReview.Assessment.Rating;

/// <summary>
/// A points-based assessment under QĐ 366 (phần B.I của bản kiểm điểm, as appraised): points per criteria group
/// code, the task shares (0 to 1), and the Not completed conditions the competent level found, by trigger code.
/// </summary>
public sealed record PointsAssessment(
    IReadOnlyDictionary<string, decimal> GroupPoints,
    decimal TasksOnTimeShare,
    decimal TasksExceedingShare,
    decimal ShortcomingsFixedShare)
{
    public IReadOnlyCollection<string> NotCompletedFindings { get; init; } = [];

    public decimal TotalPoints => GroupPoints.Values.Sum();
}
