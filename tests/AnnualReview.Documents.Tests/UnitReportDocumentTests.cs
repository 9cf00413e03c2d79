using AnnualReview.Assessment.Model;
using AnnualReview.Testing;

namespace AnnualReview.Documents.Tests;

public class UnitReportDocumentTests
{
    private static UnitReportData Data() => new(Samples.OrganizationHeading with { UnitName = "Đảng bộ Quận 1", SuperiorName = "Thành ủy Thành phố Hồ Chí Minh" },
        2026, "Đảng bộ Quận 1", "Ban Tổ chức Thành ủy",
        [
            new("Đảng bộ Phường Bến Thành", 30, Samples.Votes(5, 20, 4, 0), 1, RatingLevel.Good),
            new("Đảng bộ Phường Đa Kao", 20, Samples.Votes(3, 15, 1, 1), 0, null),
        ],
        "Lê Quang Minh");

    [Fact]
    public void Write_AddsEveryUnitAndATotalLine()
    {
        DocxText text = DocumentChecks.Official(UnitReportDocument.Write(Data()), "Đảng bộ Quận 1", "ngày 20 tháng 12 năm 2026");
        Assert.Equal("Mẫu 04", text.Paragraphs[0]);
        Assert.Contains("Kính gửi: Ban Tổ chức Thành ủy", text.Paragraphs);
        List<string[]> rows = text.TableStartingWith("TT", "Đơn vị", "Số đảng viên");
        Assert.Equal(["1", "Đảng bộ Phường Bến Thành", "30", "5", "20", "4", "0", "1", "HTTNV"], rows[1]);
        Assert.Equal(["", "Tổng cộng", "50", "8", "35", "5", "1", "1", ""], rows[3]);
        Assert.Contains("- Hoàn thành xuất sắc nhiệm vụ: 8 đảng viên (16,3% số được xếp loại).", text.Paragraphs);
    }

    [Fact]
    public async Task Render_FitsOnOnePage()
        => await DocumentChecks.RendersAsync(UnitReportDocument.Write(Data()), "unit-report-04", pages: 1);
}
