using AnnualReview.Assessment.Model;
using AnnualReview.Documents.Layout;

namespace AnnualReview.Documents;

/// <summary>
/// The decision to re-rate (quyết định xếp loại lại), Mẫu 03 (QĐ 366 Điều 15.3): a member's rating for a past year
/// is cancelled for a reason found later and replaced by a new level; awards based on the old one are revoked.
/// </summary>
public sealed record ReRatingDecisionData(
    DocumentHeading Heading, string MemberName, string CellName, int Year, RatingLevel? CancelledLevel, RatingLevel NewLevel,
    string Reason, string? DecisionReference, IReadOnlyList<string> RevokedAwards, string DecidedBy);

public static class ReRatingDecisionDocument
{
    public static byte[] Write(ReRatingDecisionData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var doc = new DocxWriter()
            .Heading(data.Heading with { Number = data.DecisionReference ?? data.Heading.Number }, "Mẫu 03")
            .Title("Quyết định", $"về việc xếp loại lại chất lượng đảng viên năm {data.Year}")
            .Line("Căn cứ Quy định số 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị về kiểm điểm, đánh giá, xếp loại chất lượng tập thể, cá nhân trong hệ thống chính trị (Điều 15, khoản 3);", italic: true)
            .Line("Căn cứ Hướng dẫn số 43-HD/BTCTW ngày 31/10/2025 của Ban Tổ chức Trung ương;", italic: true)
            .Line($"Xét lý do: {data.Reason}", italic: true)
            .Blank()
            .Line("QUYẾT ĐỊNH", bold: true, center: true)
            .Line($"Điều 1. Hủy kết quả xếp loại chất lượng năm {data.Year} của đồng chí {data.MemberName}, đảng viên {data.CellName}: " +
                $"{(data.CancelledLevel is { } old ? LevelNames.Vi(old) : "chưa có kết quả được ghi nhận")}.")
            .Line($"Điều 2. Xếp loại lại chất lượng năm {data.Year} của đồng chí {data.MemberName}: {LevelNames.Vi(data.NewLevel)}.")
            .Line(data.RevokedAwards.Count == 0
                ? "Điều 3. Không có hình thức khen thưởng nào dựa trên kết quả cũ phải thu hồi."
                : $"Điều 3. Thu hồi các hình thức khen thưởng dựa trên kết quả cũ: {string.Join("; ", data.RevokedAwards.Select(AwardNames.Vi))}.")
            .Line($"Điều 4. Chi bộ, đồng chí {data.MemberName} và các đồng chí có liên quan thi hành quyết định này.")
            .Blank()
            .SignOff(["Như Điều 4,", "Lưu hồ sơ đảng viên."], "T/M CẤP ỦY", data.DecidedBy);
        return doc.ToBytes();
    }
}
