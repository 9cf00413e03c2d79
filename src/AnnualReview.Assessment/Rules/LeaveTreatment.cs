namespace AnnualReview.Assessment.Rules;

/// <summary>What long leave does to a member's rating.</summary>
public enum LeaveTreatment
{
    /// <summary>QĐ 366: đánh giá theo kết quả thực tế (on the work actually done in the year).</summary>
    RatedOnWorkedTime,

    /// <summary>21-HD / QĐ 124: the level may not go above a cap (e.g. not Good or higher).</summary>
    Capped,
}
