using System.Globalization;
using AnnualReview.Assessment.Model;
using AnnualReview.Documents.Layout;

namespace AnnualReview.Documents;

/// <summary>One member's line in the minutes: the secret-ballot count per level and the level the cell proposes.</summary>
public sealed record MinutesTally(string MemberName, RatingLevel? SelfRating, IReadOnlyDictionary<RatingLevel, int> Votes, RatingLevel Proposed, decimal? Points = null);

/// <summary>
/// The minutes (biên bản) of the cell's year-end review meeting: who was convened and present, and for each
/// member the votes by level and the proposal. Tallies only: who voted what is never recorded.
/// </summary>
/// <param name="RecordedAt">When the record reached the system, in the cycle's local time.</param>
/// <param name="Supplementary">A later record for members absent from the meeting (rated as soon as possible after it).</param>
public sealed record MeetingMinutesData(
    DocumentHeading Heading, int Year, string CellName, int FullMembersConvened, int FullMembersPresent, bool Supplementary,
    IReadOnlyList<MinutesTally> Tallies, string RecordedBy, string? ChairName, DateTime RecordedAt);

public static class MeetingMinutesDocument
{
    public static byte[] Write(MeetingMinutesData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var doc = new DocxWriter()
            .Heading(data.Heading)
            .Title(data.Supplementary ? "Biên bản bổ sung" : "Biên bản",
                $"Họp {data.CellName} kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm {data.Year}")
            .Line($"Thời gian: {data.RecordedAt:HH:mm}, {VietnameseDate.Words(DateOnly.FromDateTime(data.RecordedAt))} (lúc ghi biên bản vào hệ thống).")
            .Field("Số đảng viên chính thức được triệu tập", data.FullMembersConvened.ToString(CultureInfo.InvariantCulture))
            .Field("Số đảng viên chính thức có mặt", data.FullMembersPresent.ToString(CultureInfo.InvariantCulture))
            .Field("Hình thức biểu quyết", "Bỏ phiếu kín")
            .Blank()
            .Section("Kết quả biểu quyết đề xuất mức xếp loại chất lượng đảng viên");

        bool points = data.Tallies.Any(t => t.Points is not null);
        string[] header = ["TT", "Họ và tên", "Tự xếp loại", .. LevelNames.InFormOrder.Select(LevelNames.Abbreviation), points ? "Điểm" : "Tổng phiếu", "Chi bộ đề xuất"];
        int[] widths = [560, 1900, 1150, 1000, 1000, 1000, 1000, 700, 1044];
        doc.Table(widths, header, data.Tallies.Select((t, i) => (string[])[
            (i + 1).ToString(CultureInfo.InvariantCulture), t.MemberName, LevelNames.Abbreviation(t.SelfRating),
            .. LevelNames.InFormOrder.Select(l => t.Votes.GetValueOrDefault(l).ToString(CultureInfo.InvariantCulture)),
            points ? t.Points?.ToString("0.##", DecisionListDocument.Vietnamese) ?? "—" : t.Votes.Values.Sum().ToString(CultureInfo.InvariantCulture),
            LevelNames.Abbreviation(t.Proposed)]), centered: [0, 2, 3, 4, 5, 6, 7, 8]);

        doc.Line("Ghi chú: HTXSNV — Hoàn thành xuất sắc nhiệm vụ; HTTNV — Hoàn thành tốt nhiệm vụ; HTNV — Hoàn thành nhiệm vụ; KHTNV — Không hoàn thành nhiệm vụ. " +
                "Tỷ lệ tính trên tổng số đảng viên chính thức được triệu tập; đảng viên dự bị không biểu quyết.", italic: true)
            .Line($"Người ghi biên bản vào hệ thống: {data.RecordedBy}.", italic: true)
            .Blank()
            .Signatures(("THƯ KÝ", null), ("CHỦ TRÌ", data.ChairName));
        return doc.ToBytes();
    }
}
