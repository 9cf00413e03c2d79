namespace AnnualReview.Assessment.Rating;

/// <summary>
/// What to do when a group breaks the quota: move <see cref="MoveCount"/> of the <see cref="ExcellentCount"/>
/// Excellent to Good. The competent level chooses whom; the candidates are listed.
/// </summary>
public sealed record QuotaGuidance(
    int MoveCount,
    int ExcellentCount,
    IReadOnlyList<string> ExcellentMemberIds,
    string MessageVi,
    string MessageEn);
