using AnnualReview.Documents.Layout;

namespace AnnualReview.Documents;

/// <summary>
/// The collective's review report (báo cáo kiểm điểm tập thể), Mẫu 01: the cell's sections as the secretary
/// submitted them, signed on behalf of the cell committee.
/// </summary>
public sealed record CollectiveReportData(DocumentHeading Heading, int Year, string UnitName, IReadOnlyList<FormSectionText> Sections, string? SecretaryName, int Version);

public static class CollectiveReportDocument
{
    public static byte[] Write(CollectiveReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var doc = new DocxWriter()
            .Heading(data.Heading, "Mẫu 01")
            .Title("Báo cáo kiểm điểm tập thể", $"{data.UnitName} năm {data.Year}");
        if (data.Sections.Count == 0)
        {
            doc.Text(null);
        }

        foreach (FormSectionText section in data.Sections)
        {
            doc.Section(section.Title.Length > 0 ? $"{section.Code}. {section.Title}" : section.Code).Text(section.Text);
        }

        doc.Line($"Báo cáo nộp trên hệ thống, phiên bản {data.Version}.", italic: true)
            .Blank()
            .SignOff(["Cấp ủy cấp trên,", "Lưu chi bộ."], "T/M CHI ỦY\nBÍ THƯ", data.SecretaryName);
        return doc.ToBytes();
    }
}
