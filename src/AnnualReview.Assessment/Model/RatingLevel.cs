namespace AnnualReview.Assessment.Model;

/// <summary>The four quality levels (mức xếp loại chất lượng).</summary>
public enum RatingLevel
{
    /// <summary>Hoàn thành xuất sắc nhiệm vụ (HTXSNV).</summary>
    Excellent,

    /// <summary>Hoàn thành tốt nhiệm vụ (HTTNV).</summary>
    Good,

    /// <summary>Hoàn thành nhiệm vụ (HTNV).</summary>
    Completed,

    /// <summary>Không hoàn thành nhiệm vụ (KHTNV).</summary>
    NotCompleted,
}
