using AnnualReview.Functions.Problems;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>Problem kinds only the review steps report (the shared ones live in <see cref="ProblemKind"/>).</summary>
public static class ReviewProblems
{
    public static readonly ProblemKind QuotaExceeded = new("quota-exceeded", 422,
        "Vượt tỷ lệ Hoàn thành xuất sắc nhiệm vụ", "The Excellent quota is exceeded");

    public static readonly ProblemKind UnitTooLarge = new("unit-too-large", 422,
        "Đơn vị quá lớn để xem trên một trang", "The unit is too large for one page");

    /// <summary>The record is readable but convenes more full members than the cell has in activity.</summary>
    public static readonly ProblemKind ConvenedExceedsMembers = new("convened-exceeds-members", 422,
        "Số đảng viên được triệu tập vượt quá số đảng viên chính thức đang sinh hoạt của chi bộ", "More members convened than the cell's full members in activity");

    public static readonly ProblemKind StepNotOpen = new("step-not-open", 409,
        "Bước này chưa mở", "This step is not open yet");
}
