using AnnualReview.Assessment.Model;
using AnnualReview.Documents;
using AnnualReview.Documents.Layout;

namespace AnnualReview.Documents.Tests;

/// <summary>A small cell's year in the shape the API hands to the documents.</summary>
internal static class Samples
{
    public static readonly DocumentHeading CellHeading = new("Đảng bộ Phường Bến Thành", "Chi bộ Khu phố 1", "Thành phố Hồ Chí Minh", new DateOnly(2026, 12, 5));

    public static readonly DocumentHeading OrganizationHeading = new("Đảng bộ Quận 1", "Đảng bộ Phường Bến Thành", "Thành phố Hồ Chí Minh", new DateOnly(2026, 12, 20));

    public static SelfReviewData SelfReview(string form = "02B", RatingLevel level = RatingLevel.Good, int paragraphs = 1) => new(
        CellHeading, form, "Bản kiểm điểm cá nhân (đảng viên không giữ chức vụ lãnh đạo, quản lý)", 2026, "Nguyễn Thị Hồng", "Chi bộ Khu phố 1", null,
        [
            new("A", "Nội dung kiểm điểm",
            [
                new("A.I", "Ưu điểm, kết quả đạt được", string.Join('\n', Enumerable.Repeat("Hoàn thành 12/12 nhiệm vụ được giao, trong đó 4 nhiệm vụ vượt yêu cầu; tích cực tham gia sinh hoạt chi bộ.", paragraphs))),
                new("A.II", "Hạn chế, khuyết điểm và nguyên nhân", "Đôi lúc chưa chủ động báo cáo tiến độ."),
                new("A.III", "Kết quả khắc phục hạn chế, khuyết điểm đã được chỉ ra ở kỳ kiểm điểm trước", "1. Chậm nộp báo cáo quý — Đã khắc phục — báo cáo đúng hạn 4/4 quý"),
                new("A.IV", "Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)", null),
                new("A.VI", "Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm", "Lập kế hoạch tuần và báo cáo mỗi thứ Sáu."),
            ]),
            new("B", "Nội dung tự đánh giá, xếp loại",
            [
                new("B.I", "Tự chấm điểm theo nhóm tiêu chí (…/30, …/70, tổng …/100)", "Nhóm tiêu chí chung: 27/30; kết quả thực hiện nhiệm vụ: 60/70"),
                new("B.II", "Tự nhận mức xếp loại", null),
            ]),
        ],
        level, 2, new DateTime(2026, 12, 3, 8, 30, 0, DateTimeKind.Utc), 87m);

    public static MeetingMinutesData Minutes() => new(
        CellHeading with { Number = "Số 07-BB/CB" }, 2026, "Chi bộ Khu phố 1", 9, 8, false,
        [
            new("Nguyễn Thị Hồng", RatingLevel.Good, Votes(2, 6, 0, 0), RatingLevel.Good),
            new("Trần Văn Nam", RatingLevel.Excellent, Votes(7, 1, 0, 0), RatingLevel.Excellent),
            new("Lê Minh Tuấn", RatingLevel.Completed, Votes(0, 1, 7, 0), RatingLevel.Completed),
        ],
        "Phạm Thu Hà", "Phạm Thu Hà", new DateTime(2026, 12, 5, 9, 0, 0, DateTimeKind.Unspecified));

    public static Dictionary<RatingLevel, int> Votes(int excellent, int good, int completed, int notCompleted) => new()
    {
        [RatingLevel.Excellent] = excellent,
        [RatingLevel.Good] = good,
        [RatingLevel.Completed] = completed,
        [RatingLevel.NotCompleted] = notCompleted,
    };
}
