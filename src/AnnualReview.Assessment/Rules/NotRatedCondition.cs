namespace AnnualReview.Assessment.Rules;

/// <summary>The cases a rule set leaves out of the rating (không đánh giá, xếp loại).</summary>
public enum NotRatedCondition
{
    /// <summary>Miễn công tác và sinh hoạt đảng.</summary>
    Exempt,

    /// <summary>Đình chỉ sinh hoạt đảng.</summary>
    Suspended,

    /// <summary>Kết nạp chưa đủ số tháng trước ngày xếp loại.</summary>
    AdmittedRecently,
}
