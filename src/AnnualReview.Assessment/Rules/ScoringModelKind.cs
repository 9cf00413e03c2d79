namespace AnnualReview.Assessment.Rules;

/// <summary>How a rule set turns a self-assessment into a level.</summary>
public enum ScoringModelKind
{
    /// <summary>QĐ 366: thang điểm 100, chia theo nhóm tiêu chí.</summary>
    Points,

    /// <summary>QĐ 124: mỗi tiêu chí xếp Xuất sắc / Tốt / Trung bình / Kém.</summary>
    CriterionGrades,
}
