namespace AnnualReview.Assessment.Rules;

/// <summary>
/// The scoring part of a rule set (cách chấm điểm, xếp loại). Exactly one of <see cref="Points"/> and
/// <see cref="Grades"/> is set, matching <see cref="Kind"/>.
/// </summary>
public sealed record ScoringModel(ScoringModelKind Kind, PointsScale? Points, GradeScale? Grades);
