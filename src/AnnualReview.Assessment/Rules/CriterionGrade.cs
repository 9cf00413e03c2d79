namespace AnnualReview.Assessment.Rules;

/// <summary>The grade of one criterion under QĐ 124.</summary>
public enum CriterionGrade
{
    /// <summary>Xuất sắc.</summary>
    Excellent,

    /// <summary>Tốt.</summary>
    Good,

    /// <summary>Trung bình.</summary>
    Average,

    /// <summary>Kém.</summary>
    Poor,
}
