namespace AnnualReview.Assessment.Rating;

/// <summary>Whether and how a member is rated this year.</summary>
public enum EligibilityKind
{
    /// <summary>Rated as usual.</summary>
    Rated,

    /// <summary>Không đánh giá, xếp loại (exempt, suspended, admitted too recently).</summary>
    NotRated,

    /// <summary>Đánh giá theo kết quả thực tế: rated on the work actually done (long sick leave, maternity under QĐ 366).</summary>
    RatedOnWorkedTime,

    /// <summary>Rated, but not above a level (long sick leave under QĐ 124 / 21-HD).</summary>
    Capped,
}
