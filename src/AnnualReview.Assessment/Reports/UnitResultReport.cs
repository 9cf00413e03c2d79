using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Reports;

/// <summary>
/// Lays out the results by unit (báo cáo kết quả xếp loại theo đơn vị). Percentages are shares of the members
/// who were rated, not of all members; the header says so, because the two differ by the not-rated and the
/// not-submitted and readers compare them with the 20% quota.
/// </summary>
public static class UnitResultReport
{
    private static readonly RatingLevel[] Levels = [RatingLevel.Excellent, RatingLevel.Good, RatingLevel.Completed, RatingLevel.NotCompleted];

    public static ReportTable ToTable(IEnumerable<UnitResultRow> rows, ReportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var vi = language == ReportLanguage.Vietnamese;
        List<string> headers =
        [
            vi ? "Mã đơn vị" : "Unit id",
            vi ? "Tên đơn vị" : "Unit name",
            vi ? "Loại" : "Kind",
            vi ? "Đơn vị cấp trên" : "Parent",
            .. Levels.Select(level => LevelName(level, vi)),
            vi ? "Không xếp loại" : "Not rated",
            vi ? "Chưa nộp" : "Not submitted",
            vi ? "Tổng số đảng viên" : "Total members",
            .. Levels.Select(level => vi ? $"% {LevelName(level, vi)} (trên số được xếp loại)" : $"% {LevelName(level, vi)} (of rated members)"),
            vi ? "Chỉ tiêu HTXSNV" : "Excellent quota",
            vi ? "Tối đa HTXSNV" : "Excellent limit",
            vi ? "Hướng dẫn điều chỉnh" : "Quota guidance",
            vi ? "Số báo cáo chậm" : "Late reports",
            vi ? "Hạn chế năm trước của đảng viên: đã khắc phục" : "Members' shortcomings from last year: fixed",
            vi ? "Hạn chế năm trước của đảng viên: khắc phục một phần" : "Members' shortcomings from last year: partly fixed",
            vi ? "Hạn chế năm trước của đảng viên: chưa khắc phục" : "Members' shortcomings from last year: not fixed",
            vi ? "Hạn chế năm trước của đảng viên: tổng số" : "Members' shortcomings from last year: total",
            vi ? "Hạn chế năm trước của tổ chức: đã khắc phục" : "Organizations' shortcomings from last year: fixed",
            vi ? "Hạn chế năm trước của tổ chức: tổng số" : "Organizations' shortcomings from last year: total",
        ];

        var table = new List<IReadOnlyList<ReportCell>>();
        foreach (var row in rows)
        {
            List<ReportCell> cells =
            [
                ReportCell.Of(row.UnitId),
                ReportCell.Of(row.UnitName),
                ReportCell.Of(KindName(row.Kind, vi)),
                ReportCell.Of(row.ParentId),
                .. Levels.Select(level => ReportCell.Of(row.Counts[level])),
                ReportCell.Of(row.NotRated),
                ReportCell.Of(row.NotSubmitted),
                ReportCell.Of(row.TotalMembers),
                .. Levels.Select(level => ReportCell.Percent(row.Counts.Percent(level))),
                ReportCell.Of(QuotaText(row.QuotaOk, vi)),
                ReportCell.Of(row.QuotaLimit),
                ReportCell.Of(row.QuotaGuidance),
                ReportCell.Of(row.LateReports),
                ReportCell.Of(row.MembersRemedy?.Fixed),
                ReportCell.Of(row.MembersRemedy?.PartlyFixed),
                ReportCell.Of(row.MembersRemedy?.NotFixed),
                ReportCell.Of(row.MembersRemedy?.Total),
                ReportCell.Of(row.OrganizationsRemedy?.Fixed),
                ReportCell.Of(row.OrganizationsRemedy?.Total),
            ];
            table.Add(cells);
        }

        return new ReportTable(vi ? "Kết quả xếp loại" : "Results", headers, table);
    }

    /// <summary>The level's short name as forms print it (HTXSNV…) or its English name.</summary>
    public static string LevelName(RatingLevel level, bool vietnamese) => (level, vietnamese) switch
    {
        (RatingLevel.Excellent, true) => "HTXSNV",
        (RatingLevel.Good, true) => "HTTNV",
        (RatingLevel.Completed, true) => "HTNV",
        (RatingLevel.NotCompleted, true) => "KHTNV",
        (RatingLevel.Excellent, false) => "Excellent",
        (RatingLevel.Good, false) => "Good",
        (RatingLevel.Completed, false) => "Completed",
        _ => "Not completed",
    };

    private static string KindName(UnitKind kind, bool vietnamese) => (kind, vietnamese) switch
    {
        (UnitKind.OrganizationBoard, true) => "Ban Tổ chức",
        (UnitKind.Committee, true) => "Cấp ủy trực thuộc",
        (UnitKind.GrassrootsOrganization, true) => "Tổ chức cơ sở đảng",
        (UnitKind.Cell, true) => "Chi bộ",
        (UnitKind.OrganizationBoard, false) => "Organization board",
        (UnitKind.Committee, false) => "Committee",
        (UnitKind.GrassrootsOrganization, false) => "Grassroots organization",
        _ => "Cell",
    };

    private static string? QuotaText(bool? ok, bool vietnamese) => ok switch
    {
        true => vietnamese ? "Đạt" : "Within",
        false => vietnamese ? "Vượt" : "Over",
        null => null,
    };
}
