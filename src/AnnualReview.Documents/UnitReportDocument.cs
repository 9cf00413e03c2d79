using System.Globalization;
using AnnualReview.Assessment.Model;
using AnnualReview.Documents.Layout;

namespace AnnualReview.Documents;

/// <summary>One unit's line in the report upward: its members by level and its own level as a collective.</summary>
public sealed record ReportedUnit(string UnitName, int Members, IReadOnlyDictionary<RatingLevel, int> MemberLevels, int NotRated, RatingLevel? UnitLevel);

/// <summary>
/// The report sent up the tree with the dossier (Mẫu 04, danh sách hồ sơ / tổng hợp kết quả): per subordinate
/// unit, how many members were rated at each level, and the unit's own level; a total line closes the table.
/// </summary>
public sealed record UnitReportData(DocumentHeading Heading, int Year, string UnitName, string RecipientName, IReadOnlyList<ReportedUnit> Units, string? SignerName);

public static class UnitReportDocument
{
    public static byte[] Write(UnitReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var doc = new DocxWriter()
            .Heading(data.Heading, "Mẫu 04")
            .Title("Báo cáo", $"kết quả kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm {data.Year}", data.UnitName)
            .Field("Kính gửi", data.RecipientName)
            .Blank();

        string[] header = ["TT", "Đơn vị", "Số đảng viên", .. LevelNames.InFormOrder.Select(LevelNames.Abbreviation), "Không xếp loại", "Xếp loại tập thể"];
        int[] widths = [560, 2194, 900, 950, 950, 950, 950, 900, 1000];
        var rows = data.Units.Select((u, i) => Row((i + 1).ToString(CultureInfo.InvariantCulture), u)).ToList();
        var total = new ReportedUnit("Tổng cộng", data.Units.Sum(u => u.Members),
            LevelNames.InFormOrder.ToDictionary(l => l, l => data.Units.Sum(u => u.MemberLevels.GetValueOrDefault(l))), data.Units.Sum(u => u.NotRated), null);
        rows.Add(Row("", total));
        doc.Table(widths, header, rows, centered: [0, 2, 3, 4, 5, 6, 7, 8]);

        int rated = total.MemberLevels.Values.Sum();
        foreach (RatingLevel level in LevelNames.InFormOrder)
        {
            int count = total.MemberLevels.GetValueOrDefault(level);
            doc.Line($"- {LevelNames.Vi(level)}: {count} đảng viên ({DecisionListDocument.Share(count, rated)} số được xếp loại).");
        }

        doc.Blank().SignOff(["Như trên,", "Lưu."], "T/M BAN THƯỜNG VỤ", data.SignerName);
        return doc.ToBytes();
    }

    private static string[] Row(string number, ReportedUnit unit)
        => [number, unit.UnitName, unit.Members.ToString(CultureInfo.InvariantCulture),
            .. LevelNames.InFormOrder.Select(l => unit.MemberLevels.GetValueOrDefault(l).ToString(CultureInfo.InvariantCulture)),
            unit.NotRated.ToString(CultureInfo.InvariantCulture), unit.UnitLevel is { } level ? LevelNames.Abbreviation(level) : ""];
}
