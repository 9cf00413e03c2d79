using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Reports;

namespace AnnualReview.Assessment.Tests.Reports;

internal static class SampleReports
{
    /// <summary>Journey 4's committee: 11 Excellent against 20 Good breaks the quota; 6 must move.</summary>
    public static UnitResultRow[] Results() =>
    [
        new("u-c01-g001", "Đảng bộ cơ sở Trường THPT 1", UnitKind.GrassrootsOrganization, "u-c01", new RatingCounts(11, 20, 7, 2), 3, 1, 44)
        {
            QuotaOk = false,
            QuotaLimit = 5,
            QuotaGuidance = "Chuyển 6 đảng viên từ HTXSNV xuống HTTNV",
            LateReports = 2,
        },
        new("u-c01-g002-cell01", "Chi bộ \"Khu vực 1\", Ấp 3", UnitKind.Cell, "u-c01-g002", new RatingCounts(0, 0, 0, 0), 0, 12, 12),
    ];

    public static LateReportRow[] Late() =>
    [
        new("u-c01-g001-cell02", "Chi bộ Giáo viên 2", "cell-meeting", new DateOnly(2025, 12, 18), 6,
            [new DateTimeOffset(2025, 12, 17, 8, 0, 0, TimeSpan.FromHours(7)), new DateTimeOffset(2025, 12, 15, 8, 0, 0, TimeSpan.FromHours(7))],
            "u-c01"),
        new("u-c02-g003-cell01", "Chi bộ Ấp 3", "self-review", new DateOnly(2025, 12, 10), 1, [], null),
    ];
}
