using AnnualReview.Testing;

namespace AnnualReview.Documents.Tests;

public class CollectiveReportDocumentTests
{
    private static CollectiveReportData Data() => new(Samples.CellHeading, 2026, "Chi bộ Khu phố 1",
        [new("I", "Ưu điểm, kết quả đạt được", "Chi bộ lãnh đạo hoàn thành 100% chỉ tiêu."), new("II", "Hạn chế, khuyết điểm", "Sinh hoạt chuyên đề chưa đều.")],
        "Phạm Thu Hà", 1);

    [Fact]
    public void Write_PrintsForm01WithTheCellsSections()
    {
        DocxText text = DocumentChecks.Official(CollectiveReportDocument.Write(Data()), "Chi bộ Khu phố 1", "ngày 5 tháng 12 năm 2026");
        Assert.Equal("Mẫu 01", text.Paragraphs[0]);
        Assert.Contains("Chi bộ Khu phố 1 năm 2026", text.Paragraphs);
        Assert.Contains("II. Hạn chế, khuyết điểm", text.Paragraphs);
        Assert.Contains("Sinh hoạt chuyên đề chưa đều.", text.Paragraphs);
        Assert.Contains("Phạm Thu Hà", text.Tables[^1][0][1], StringComparison.Ordinal);
        Assert.Contains("- Cấp ủy cấp trên,", text.Tables[^1][0][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_FitsOnOnePage()
        => await DocumentChecks.RendersAsync(CollectiveReportDocument.Write(Data()), "collective-report-01", pages: 1);
}
