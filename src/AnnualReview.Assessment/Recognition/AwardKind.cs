namespace AnnualReview.Assessment.Recognition;

/// <summary>The awards the rating leads to.</summary>
public enum AwardKind
{
    /// <summary>Giấy khen for a member rated Excellent in the year.</summary>
    YearCertificate,

    /// <summary>Khen thưởng đảng viên 5 năm liền hoàn thành xuất sắc nhiệm vụ (run length from the rule set).</summary>
    FiveConsecutiveExcellent,
}
