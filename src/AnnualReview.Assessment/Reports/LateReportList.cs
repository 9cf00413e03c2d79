using System.Globalization;

namespace AnnualReview.Assessment.Reports;

/// <summary>Lays out the late steps (danh sách báo cáo chậm), most late first as the board reads them.</summary>
public static class LateReportList
{
    public static ReportTable ToTable(IEnumerable<LateReportRow> rows, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var vi = language == ReportLanguage.Vietnamese;
        string[] headers =
        [
            vi ? "Mã đơn vị" : "Unit id",
            vi ? "Tên đơn vị" : "Unit name",
            vi ? "Bước" : "Step",
            vi ? "Hạn" : "Due",
            vi ? "Số ngày chậm" : "Days late",
            vi ? "Đã nhắc lúc" : "Reminded at",
            vi ? "Đã chuyển lên" : "Escalated to",
        ];

        var table = rows
            .OrderByDescending(row => row.DaysLate)
            .ThenBy(row => row.UnitId, StringComparer.Ordinal)
            .Select(row => (IReadOnlyList<ReportCell>)
            [
                ReportCell.Of(row.UnitId),
                ReportCell.Of(row.UnitName),
                ReportCell.Of(row.Step),
                ReportCell.Of(row.Due),
                ReportCell.Of(row.DaysLate),
                ReportCell.Of(Reminders(row.RemindedAt)),
                ReportCell.Of(row.EscalatedTo),
            ])
            .ToList();

        return new ReportTable(vi ? "Báo cáo chậm" : "Late reports", headers, table);
    }

    /// <summary>All reminder times in one cell, in order; a list in one cell survives copying between sheets.</summary>
    private static string? Reminders(IReadOnlyList<DateTimeOffset> times) =>
        times.Count == 0
            ? null
            : string.Join("; ", times.Order().Select(t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
}
