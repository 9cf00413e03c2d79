namespace AnnualReview.Assessment.Rules;

/// <summary>The per-criterion grading of QĐ 124 (Xuất sắc / Tốt / Trung bình / Kém).
/// <c>ForcesNotCompleted</c>: a grade that, given to any criterion, makes the level Not completed.
/// </summary>
public sealed record GradeScale(
    IReadOnlyList<GradeDefinition> Grades,
    string GradesSource,
    bool GradesConfirmed,
    IReadOnlyList<Criterion> Criteria,
    string CriteriaSource,
    bool CriteriaConfirmed,
    Sourced<CriterionGrade> ForcesNotCompleted);
