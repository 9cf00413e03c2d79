using System.Globalization;
using AnnualReview.Assessment.Model;
using AnnualReview.Documents.Layout;

namespace AnnualReview.Documents;

/// <summary>One member in the committee's decision: what they rated themselves, what the cell proposed, what was decided and why.</summary>
public sealed record DecidedMember(string MemberName, string CellName, RatingLevel? SelfRating, RatingLevel? Proposed, RatingLevel? Decided, string? Reason);

/// <summary>
/// The competent committee's decision list (danh sách kèm theo quyết định xếp loại): every member of the
/// grassroots organization with the level decided and, where it departs from the cell's proposal, the reason.
/// </summary>
public sealed record DecisionListData(DocumentHeading Heading, int Year, string OrganizationName, bool Final, IReadOnlyList<DecidedMember> Members, string? SignerName);

public static class DecisionListDocument
{
    public static byte[] Write(DecisionListData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var doc = new DocxWriter()
            .Heading(data.Heading)
            .Title("Danh sách xếp loại chất lượng đảng viên",
                $"năm {data.Year} của {data.OrganizationName}",
                data.Final ? "(Kèm theo quyết định của cấp ủy có thẩm quyền)" : "(Dự thảo: cấp ủy chưa quyết định xong)");

        int[] widths = [560, 2000, 1500, 1050, 1050, 1050, 2144];
        doc.Table(widths, ["TT", "Họ và tên", "Chi bộ", "Tự xếp loại", "Chi bộ đề xuất", "Quyết định", "Lý do (khi khác đề xuất)"],
            data.Members.Select((m, i) => new[]
            {
                (i + 1).ToString(CultureInfo.InvariantCulture), m.MemberName, m.CellName, LevelNames.Abbreviation(m.SelfRating), LevelNames.Abbreviation(m.Proposed),
                LevelNames.Abbreviation(m.Decided), m.Reason ?? "",
            }), centered: [0, 3, 4, 5]);

        doc.Section("Tổng hợp");
        foreach (RatingLevel level in LevelNames.InFormOrder)
        {
            int count = data.Members.Count(m => m.Decided == level);
            doc.Line($"- {LevelNames.Vi(level)}: {count} đồng chí ({Share(count, data.Members.Count)}).");
        }

        doc.Line($"- Chưa có quyết định: {data.Members.Count(m => m.Decided is null)} đồng chí.")
            .Blank()
            .SignOff(["Các chi bộ,", "Lưu."], "T/M ĐẢNG ỦY\nBÍ THƯ", data.SignerName);
        return doc.ToBytes();
    }

    /// <summary>Vietnamese writes the decimal comma: "16,3%".</summary>
    internal static string Share(int count, int total)
        => total == 0 ? "0%" : (100m * count / total).ToString("0.#", Vietnamese) + "%";

    internal static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
}
