using System.IO.Compression;
using System.Xml.Linq;
using AnnualReview.Assessment.Reports;

namespace AnnualReview.Assessment.Tests.Reports;

public class ReportXlsxTests
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static Dictionary<string, XDocument> Open(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            return XDocument.Load(stream);
        });
    }

    private static XElement Cell(XDocument sheet, string reference) =>
        sheet.Descendants(Main + "c").Single(c => (string?)c.Attribute("r") == reference);

    private static string? Text(XElement cell) => cell.Element(Main + "is")?.Element(Main + "t")?.Value;

    [Fact]
    public void Write_ResultsAndLate_HasEveryPartAndAllXmlParses()
    {
        var parts = Open(ReportXlsx.Write(SampleReports.Results(), SampleReports.Late(), ReportLanguage.Vietnamese));

        Assert.Equal(
            new[]
            {
                "[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                "xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
            },
            parts.Keys.Order(StringComparer.Ordinal));
        var overrides = parts["[Content_Types].xml"].Root!.Elements().Select(e => (string?)e.Attribute("PartName")).ToList();
        Assert.Contains("/xl/worksheets/sheet2.xml", overrides);
        var sheets = parts["xl/workbook.xml"].Descendants(Main + "sheet").Select(s => (string?)s.Attribute("name"));
        Assert.Equal(["Kết quả xếp loại", "Báo cáo chậm"], sheets);
        Assert.Equal(3, parts["xl/_rels/workbook.xml.rels"].Root!.Elements().Count());
    }

    [Fact]
    public void Write_Results_HeaderIsBoldTextAndNumbersAreNumbers()
    {
        var parts = Open(ReportXlsx.Write(SampleReports.Results(), SampleReports.Late(), ReportLanguage.Vietnamese));
        var sheet = parts["xl/worksheets/sheet1.xml"];

        var header = Cell(sheet, "A1");
        Assert.Equal("Mã đơn vị", Text(header));
        Assert.Equal("1", (string?)header.Attribute("s"));
        Assert.Equal("Đảng bộ cơ sở Trường THPT 1", Text(Cell(sheet, "B2")));
        var excellent = Cell(sheet, "E2");
        Assert.Null(excellent.Attribute("t"));
        Assert.Equal("11", excellent.Element(Main + "v")!.Value);
        var percent = Cell(sheet, "L2");
        Assert.Equal("27.5", percent.Element(Main + "v")!.Value);
        Assert.Equal("3", (string?)percent.Attribute("s"));
        Assert.Equal("Chi bộ \"Khu vực 1\", Ấp 3", Text(Cell(sheet, "B3")));
        Assert.DoesNotContain(sheet.Descendants(Main + "c"), c => (string?)c.Attribute("r") == "L3");
        Assert.Equal("frozen", (string?)sheet.Descendants(Main + "pane").Single().Attribute("state"));
    }

    [Fact]
    public void Write_LateSheet_DueIsAnExcelDate()
    {
        var parts = Open(ReportXlsx.Write(SampleReports.Results(), SampleReports.Late(), ReportLanguage.English));
        var sheet = parts["xl/worksheets/sheet2.xml"];

        var due = Cell(sheet, "D2");
        Assert.Equal("46009", due.Element(Main + "v")!.Value); // 2025-12-18
        Assert.Equal("2", (string?)due.Attribute("s"));
        Assert.Equal("Days late", Text(Cell(sheet, "E1")));
        Assert.Equal("6", Cell(sheet, "E2").Element(Main + "v")!.Value);
    }

    [Fact]
    public void Write_Styles_DefineTheBoldHeaderAndFormats()
    {
        var styles = Open(ReportXlsx.Write([new ReportTable("A", ["h"], [])]))["xl/styles.xml"];

        var xfs = styles.Descendants(Main + "cellXfs").Single().Elements(Main + "xf").ToList();
        Assert.Equal(4, xfs.Count);
        var boldFont = styles.Descendants(Main + "font").ElementAt(int.Parse((string)xfs[1].Attribute("fontId")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotNull(boldFont.Element(Main + "b"));
        Assert.Contains(styles.Descendants(Main + "numFmt"), f => (string?)f.Attribute("formatCode") == "yyyy-mm-dd");
    }

    [Fact]
    public void Write_SameInput_GivesIdenticalBytes()
    {
        var a = ReportXlsx.Write(SampleReports.Results(), SampleReports.Late(), ReportLanguage.Vietnamese);
        var b = ReportXlsx.Write(SampleReports.Results(), SampleReports.Late(), ReportLanguage.Vietnamese);

        Assert.Equal(a, b);
    }

    [Fact]
    public void Write_BadSheetNamesAndControlCharacters_AreMadeSafe()
    {
        var long1 = new ReportTable("Kết quả: [quý 4] / 2025 rất dài để vượt quá giới hạn", ["h"], [[ReportCell.Of("a\u0001b")]]);
        var long2 = long1 with { };

        var parts = Open(ReportXlsx.Write([long1, long2]));

        var names = parts["xl/workbook.xml"].Descendants(Main + "sheet").Select(s => (string)s.Attribute("name")!).ToList();
        Assert.All(names, n => Assert.True(n.Length <= 31 && n.IndexOfAny(['[', ']', ':', '/']) < 0, n));
        Assert.Equal(2, names.Distinct().Count());
        Assert.Equal("ab", Text(Cell(parts["xl/worksheets/sheet1.xml"], "A2")));
    }

    [Theory]
    [InlineData(0, 1, "A1")]
    [InlineData(25, 2, "Z2")]
    [InlineData(26, 3, "AA3")]
    [InlineData(701, 4, "ZZ4")]
    [InlineData(702, 5, "AAA5")]
    public void Reference_ColumnAndRow_AreA1Style(int column, int row, string expected)
    {
        Assert.Equal(expected, XlsxSheet.Reference(column, row));
    }
}
