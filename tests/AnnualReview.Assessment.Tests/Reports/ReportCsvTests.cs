using System.Text;
using AnnualReview.Assessment.Reports;
using AnnualReview.Assessment.Roster;

namespace AnnualReview.Assessment.Tests.Reports;

public class ReportCsvTests
{
    private static string[] Lines(byte[] bytes) =>
        Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Write_UnitResults_StartsWithBomAndVietnameseHeader()
    {
        using var output = new MemoryStream();

        ReportCsv.Write(output, SampleReports.Results(), ReportLanguage.Vietnamese);

        var bytes = output.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("Mã đơn vị,Tên đơn vị,Loại,Đơn vị cấp trên,HTXSNV,HTTNV,HTNV,KHTNV", Lines(bytes)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Write_UnitResults_NumbersUseInvariantFormatAndTextIsQuoted()
    {
        var bytes = ReportCsv.ToBytes(UnitResultReport.ToTable(SampleReports.Results(), ReportLanguage.English));

        var lines = Lines(bytes);
        Assert.Equal(
            "u-c01-g001,Đảng bộ cơ sở Trường THPT 1,Grassroots organization,u-c01,11,20,7,2,3,1,44,27.5,50.0,17.5,5.0,Over,5,Chuyển 6 đảng viên từ HTXSNV xuống HTTNV,2,,,,,,",
            lines[1]);
        Assert.StartsWith("u-c01-g002-cell01,\"Chi bộ \"\"Khu vực 1\"\", Ấp 3\",Cell,u-c01-g002,0,0,0,0,0,12,12,,,,,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Write_CsvReadBack_HasTheSameFields()
    {
        var bytes = ReportCsv.ToBytes(UnitResultReport.ToTable(SampleReports.Results(), ReportLanguage.Vietnamese));

        var rows = new List<string>();
        var reader = new CsvRecordReader(new StringReader(Encoding.UTF8.GetString(bytes)));
        var fields = new List<string>();
        reader.TryRead(fields, out _);
        var width = fields.Count;
        reader.TryRead(fields, out _);
        reader.TryRead(fields, out _);

        Assert.Equal(width, fields.Count);
        Assert.Equal("Chi bộ \"Khu vực 1\", Ấp 3", fields[1]);
    }

    [Fact]
    public void Write_LateReports_DatesAreIso()
    {
        using var output = new MemoryStream();

        ReportCsv.Write(output, SampleReports.Late(), ReportLanguage.English);

        Assert.Equal(
            "u-c01-g001-cell02,Chi bộ Giáo viên 2,cell-meeting,2025-12-18,6,2025-12-15 08:00; 2025-12-17 08:00,u-c01",
            Lines(output.ToArray())[1]);
    }

    [Fact]
    public void Write_TextLookingLikeAFormula_IsNeutralized()
    {
        var table = new ReportTable("x", ["name"], [[ReportCell.Of("=HYPERLINK(\"http://evil\")")], [ReportCell.Of(-3)]]);

        var lines = Lines(ReportCsv.ToBytes(table));

        Assert.Equal("\"'=HYPERLINK(\"\"http://evil\"\")\"", lines[1]);
        Assert.Equal("-3", lines[2]);
    }
}
