using AnnualReview.Assessment.Cycle;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;

namespace AnnualReview.Workflows.Tests;

/// <summary>A small city for the workflow tests: board → committee → grassroots organization → one cell.</summary>
internal static class ReviewRoster
{
    public const string Board = "hcm";
    public const string Committee = "q1";
    public const string Grassroots = "q1-g1";
    public const string Cell = "q1-g1-c1";

    public static RosterImportResult OneCell(int members) => new(
        true,
        [
            new Unit(Board, "Thành ủy TP.HCM", UnitKind.OrganizationBoard, null) { Email = "bantochuc@example.vn" },
            new Unit(Committee, "Quận ủy Quận 1", UnitKind.Committee, Board) { Email = "q1@example.vn" },
            new Unit(Grassroots, "Đảng bộ phường Bến Nghé", UnitKind.GrassrootsOrganization, Committee) { Email = "bennghe@example.vn" },
            new Unit(Cell, "Chi bộ khu phố 1", UnitKind.Cell, Grassroots) { Email = "kp1@example.vn" },
        ],
        [.. Enumerable.Range(1, members).Select(i => new Member($"m{i:D2}", $"Đảng viên {i:D2}", Cell, MembershipKind.Full, new DateOnly(2015, 3, i))
        {
            Email = $"m{i:D2}@example.vn",
        })],
        []);

    /// <summary>Scenario 1's dates: self-review 10 Dec, meeting 18 Dec, grassroots 26 Dec, committees 31 Dec, results by 1 Feb.</summary>
    public static CycleDefinition Definition() => new(
        2025,
        Board,
        "QD366-2025",
        new StepDueDates(new DateOnly(2025, 12, 10), new DateOnly(2025, 12, 18), new DateOnly(2025, 12, 26), new DateOnly(2025, 12, 31), new DateOnly(2026, 2, 1)),
        new DateOnly(2026, 2, 1));

    public static DateTime Local(int month, int day, int hour = 9, int minute = 0) => new(month == 1 ? 2026 : 2025, month, day, hour, minute, 0, DateTimeKind.Unspecified);

    public static DateTimeOffset Utc(int month, int day, int hour = 9)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(Local(month, day, hour), zone), TimeSpan.Zero);
    }
}
