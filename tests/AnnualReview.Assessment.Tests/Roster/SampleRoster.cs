using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Tests.Roster;

/// <summary>A small hand-made tree: a board, two committees, three grassroots organizations, four cells.</summary>
internal static class SampleRoster
{
    public static readonly DateOnly Today = new(2025, 11, 20);

    public static Unit[] Units() =>
    [
        new("board", "Ban Tổ chức Thành ủy", UnitKind.OrganizationBoard, null),
        new("c1", "Đảng bộ phường Ninh Kiều", UnitKind.Committee, "board"),
        new("c2", "Đảng bộ phường Cái Khế", UnitKind.Committee, "board"),
        new("g1", "Đảng bộ cơ sở Trường THPT 1", UnitKind.GrassrootsOrganization, "c1"),
        new("g2", "Chi bộ cơ sở Bệnh viện 2", UnitKind.GrassrootsOrganization, "c1"),
        new("g3", "Đảng bộ cơ sở Ấp 3", UnitKind.GrassrootsOrganization, "c2"),
        new("cell1", "Chi bộ Giáo viên 1", UnitKind.Cell, "g1"),
        new("cell2", "Chi bộ Văn phòng 2", UnitKind.Cell, "g1"),
        new("cell3", "Chi bộ Bệnh viện 2", UnitKind.Cell, "g2"),
        new("cell4", "Chi bộ Ấp 3", UnitKind.Cell, "g3"),
    ];

    public static Member[] Members() =>
    [
        Member("m1", "Nguyễn Văn An", "cell1"),
        Member("m2", "Trần Thị Bình", "cell1"),
        Member("m3", "Lê Hữu Cường", "cell2"),
        Member("m4", "Phạm Thị Dung", "cell3"),
        Member("m5", "Hoàng Minh Đạt", "cell4"),
        Member("m6", "Võ Thị Hạnh", "cell4"),
    ];

    public static Member Member(string id, string name, string cellId) =>
        new(id, name, cellId, MembershipKind.Full, new DateOnly(2010, 5, 19)) { Email = $"{id}@example.vn" };
}
