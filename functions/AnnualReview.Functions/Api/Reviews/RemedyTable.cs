using AnnualReview.Assessment.Reports;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>
/// The per-unit count of last year's shortcomings as a report table (CSV or XLSX, in the reader's language): the
/// members' own and the organizations' own, with the share fixed, so a board files the figure with its report.
/// </summary>
public static class RemedyTable
{
    public static ReportTable From(RemedyReportView view, bool english)
    {
        ArgumentNullException.ThrowIfNull(view);
        string T(string vi, string en) => english ? en : vi;
        string[] headers =
        [
            T("Mã đơn vị", "Unit id"), T("Đơn vị", "Unit"), T("Số đảng viên", "Members"),
            T("Hạn chế của đảng viên: đã khắc phục", "Members' shortcomings: fixed"), T("Khắc phục một phần", "Partly fixed"), T("Chưa khắc phục", "Not fixed"), T("Tổng số", "Total"), T("Tỷ lệ đã khắc phục", "Share fixed"),
            T("Đảng viên chưa nộp", "Members not in yet"),
            T("Hạn chế của tổ chức: đã khắc phục", "Organizations' shortcomings: fixed"), T("Khắc phục một phần", "Partly fixed"), T("Chưa khắc phục", "Not fixed"), T("Tổng số", "Total"),
        ];
        List<IReadOnlyList<ReportCell>> rows = [.. view.Units.Select(u => (IReadOnlyList<ReportCell>)
        [
            ReportCell.Of(u.UnitId), ReportCell.Of(u.UnitName), ReportCell.Of(u.Members),
            ReportCell.Of(u.Fixed), ReportCell.Of(u.PartlyFixed), ReportCell.Of(u.NotFixed), ReportCell.Of(u.Total),
            ReportCell.Percent(u.Total == 0 ? null : Math.Round(100m * u.Fixed / u.Total, 1)),
            ReportCell.Of(u.Awaiting),
            ReportCell.Of(u.Organizations.Fixed), ReportCell.Of(u.Organizations.PartlyFixed), ReportCell.Of(u.Organizations.NotFixed), ReportCell.Of(u.Organizations.Total),
        ])];
        if (view.FirstCycle)
        {
            rows.Add([ReportCell.Of(view.UnitId), ReportCell.Of(view.Note)]);
        }

        return new ReportTable(T("Khắc phục hạn chế", "Shortcomings fixed"), headers, rows);
    }
}
