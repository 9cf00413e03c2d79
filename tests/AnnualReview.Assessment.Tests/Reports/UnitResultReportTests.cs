using AnnualReview.Assessment.Reports;

namespace AnnualReview.Assessment.Tests.Reports;

public class UnitResultReportTests
{
    [Fact]
    public void ToTable_Vietnamese_HeadersNameTheDenominator()
    {
        var table = UnitResultReport.ToTable(SampleReports.Results(), ReportLanguage.Vietnamese);

        Assert.Equal("Kết quả xếp loại", table.SheetName);
        Assert.Equal(table.Headers.Count, table.Rows[0].Count);
        Assert.Contains("% HTXSNV (trên số được xếp loại)", table.Headers);
        Assert.Equal("Mã đơn vị", table.Headers[0]);
    }

    [Fact]
    public void ToTable_English_HeadersAndLabelsAreEnglish()
    {
        var table = UnitResultReport.ToTable(SampleReports.Results(), ReportLanguage.English);

        Assert.Contains("% Excellent (of rated members)", table.Headers);
        Assert.Equal("Grassroots organization", table.Rows[0][2].Text);
        Assert.Equal("Over", table.Rows[0][table.Headers.ToList().IndexOf("Excellent quota")].Text);
    }

    [Fact]
    public void ToTable_Row_HasCountsPercentsAndQuota()
    {
        var table = UnitResultReport.ToTable(SampleReports.Results(), ReportLanguage.English);
        var headers = table.Headers.ToList();
        var row = table.Rows[0];

        Assert.Equal(11m, row[headers.IndexOf("Excellent")].Number);
        Assert.Equal(ReportCellKind.Percent, row[headers.IndexOf("% Excellent (of rated members)")].Kind);
        Assert.Equal(27.5m, row[headers.IndexOf("% Excellent (of rated members)")].Number);
        Assert.Equal(5m, row[headers.IndexOf("Excellent limit")].Number);
        Assert.Equal(2m, row[headers.IndexOf("Late reports")].Number);
        Assert.Equal(ReportCellKind.Empty, table.Rows[1][headers.IndexOf("% Good (of rated members)")].Kind);
    }

    [Fact]
    public void ToTable_LastYearsShortcomings_CountedOrLeftEmpty()
    {
        List<UnitResultRow> rows = [.. SampleReports.Results()];
        rows[0] = rows[0] with { MembersRemedy = new AnnualReview.Assessment.Shortcomings.RemedyTally(3, 1, 2), OrganizationsRemedy = new AnnualReview.Assessment.Shortcomings.RemedyTally(1, 0, 0) };
        var table = UnitResultReport.ToTable(rows, ReportLanguage.English);
        var headers = table.Headers.ToList();

        Assert.Equal(3m, table.Rows[0][headers.IndexOf("Members' shortcomings from last year: fixed")].Number);
        Assert.Equal(6m, table.Rows[0][headers.IndexOf("Members' shortcomings from last year: total")].Number);
        Assert.Equal(1m, table.Rows[0][headers.IndexOf("Organizations' shortcomings from last year: total")].Number);
        // Nothing carried (a first cycle): the cells stay empty rather than claiming nothing was fixed.
        Assert.Equal(ReportCellKind.Empty, table.Rows[1][headers.IndexOf("Members' shortcomings from last year: fixed")].Kind);
        Assert.Equal(table.Headers.Count, table.Rows[1].Count);
    }

    [Fact]
    public void LateReportList_ToTable_SortsMostLateFirstAndListsReminders()
    {
        var table = LateReportList.ToTable(SampleReports.Late().Reverse(), ReportLanguage.Vietnamese);

        Assert.Equal("Số ngày chậm", table.Headers[4]);
        Assert.Equal("u-c01-g001-cell02", table.Rows[0][0].Text);
        Assert.Equal("2025-12-15 08:00; 2025-12-17 08:00", table.Rows[0][5].Text);
        Assert.Equal(ReportCellKind.Date, table.Rows[0][3].Kind);
        Assert.Equal(ReportCellKind.Empty, table.Rows[1][5].Kind);
    }
}
