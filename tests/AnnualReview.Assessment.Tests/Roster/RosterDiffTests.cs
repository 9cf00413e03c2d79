using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;

namespace AnnualReview.Assessment.Tests.Roster;

public class RosterDiffTests
{
    [Fact]
    public void Compute_SameRoster_ReportsNoChanges()
    {
        var roster = RosterGenerator.City(seed: 3, totalMembers: 2_000);
        var copy = RosterGenerator.City(seed: 3, totalMembers: 2_000);

        var diff = RosterDiff.Compute(roster.Units, roster.Members, copy.Units, copy.Members);

        Assert.True(diff.IsEmpty);
        Assert.Equal(0, diff.TotalChanges);
    }

    [Fact]
    public void Compute_MovedMember_IsAMoveNotAnUpdate()
    {
        var members = SampleRoster.Members();
        var incoming = members.Select(m => m.Id == "m1" ? m with { CellId = "cell4" } : m).ToArray();

        var diff = RosterDiff.Compute(SampleRoster.Units(), members, SampleRoster.Units(), incoming);

        Assert.Equal(new MemberMove("m1", "cell1", "cell4"), Assert.Single(diff.MovedMembers));
        Assert.Empty(diff.UpdatedMembers);
        Assert.Equal(1, diff.TotalChanges);
    }

    [Fact]
    public void Compute_MovedAndRenamed_IsBothAMoveAndAnUpdateOfTheName()
    {
        var members = SampleRoster.Members();
        var incoming = members.Select(m => m.Id == "m2" ? m with { CellId = "cell3", FullName = "Trần Thị Bình An" } : m).ToArray();

        var diff = RosterDiff.Compute(SampleRoster.Units(), members, SampleRoster.Units(), incoming);

        Assert.Single(diff.MovedMembers);
        var change = Assert.Single(diff.UpdatedMembers);
        Assert.Equal(["full_name"], change.ChangedFields);
        Assert.Equal("Trần Thị Bình", change.Before.FullName);
    }

    [Fact]
    public void Compute_AddedRemovedAndUpdated_AreListedWithFields()
    {
        var units = SampleRoster.Units();
        var members = SampleRoster.Members();
        var incomingUnits = units
            .Where(u => u.Id != "cell3")
            .Select(u => u.Id == "g3" ? u with { Name = "Đảng bộ cơ sở Ấp 3 mới", Email = "g3@example.vn" } : u)
            .Append(new Unit("cell5", "Chi bộ 5", UnitKind.Cell, "g3"))
            .ToArray();
        var incomingMembers = members
            .Where(m => m.Id != "m4")
            .Select(m => m.Id == "m5" ? m with { Standing = MemberStanding.Exempt, LeaveMonths = 2 } : m)
            .Append(SampleRoster.Member("m7", "Đỗ Văn Khoa", "cell5"))
            .ToArray();

        var diff = RosterDiff.Compute(units, members, incomingUnits, incomingMembers);

        Assert.Equal(["cell5"], diff.AddedUnits.Select(u => u.Id));
        Assert.Equal(["cell3"], diff.RemovedUnits.Select(u => u.Id));
        Assert.Equal(["name", "email"], Assert.Single(diff.UpdatedUnits).ChangedFields);
        Assert.Equal(["m7"], diff.AddedMembers.Select(m => m.Id));
        Assert.Equal(["m4"], diff.RemovedMembers.Select(m => m.Id));
        Assert.Equal(["standing", "leave_months"], Assert.Single(diff.UpdatedMembers).ChangedFields);
        Assert.Empty(diff.MovedMembers);
        Assert.Equal(6, diff.TotalChanges);
    }

    [Fact]
    public void Compute_AnotherTreeBesideTheStoredOne_RemovesNothingOfTheStoredTree()
    {
        Unit[] other = [new("hn", "Thành ủy Hà Nội", UnitKind.OrganizationBoard, null), new("hn-g1", "Đảng bộ cơ sở 1", UnitKind.GrassrootsOrganization, "hn"), new("hn-cell1", "Chi bộ 1", UnitKind.Cell, "hn-g1")];

        var diff = RosterDiff.Compute(SampleRoster.Units(), SampleRoster.Members(), other, [SampleRoster.Member("h1", "Ngô Văn Hải", "hn-cell1")]);

        Assert.Equal(3, diff.AddedUnits.Count);
        Assert.Equal(["h1"], diff.AddedMembers.Select(m => m.Id));
        Assert.Empty(diff.RemovedUnits);
        Assert.Empty(diff.RemovedMembers);
    }

    [Fact]
    public void Compute_TheStoredTreeAgainWithAnotherTreeStored_RemovesOnlyInsideTheImportedTree()
    {
        Unit[] other = [new("hn", "Thành ủy Hà Nội", UnitKind.OrganizationBoard, null), new("hn-cell1", "Chi bộ 1", UnitKind.Cell, "hn")];
        Unit[] stored = [.. SampleRoster.Units(), .. other];
        Member[] storedMembers = [.. SampleRoster.Members(), SampleRoster.Member("h1", "Ngô Văn Hải", "hn-cell1")];

        var diff = RosterDiff.Compute(stored, storedMembers, [.. SampleRoster.Units().Where(u => u.Id != "cell4")], [.. SampleRoster.Members().Where(m => m.CellId != "cell4")]);

        Assert.Equal(["cell4"], diff.RemovedUnits.Select(u => u.Id));
        Assert.Equal(["m5", "m6"], diff.RemovedMembers.Select(m => m.Id));
    }

    [Fact]
    public void Compute_DuplicateIds_Throws()
    {
        var members = SampleRoster.Members();
        Member[] duplicated = [.. members, members[0]];

        Assert.Throws<ArgumentException>(() => RosterDiff.Compute(SampleRoster.Units(), members, SampleRoster.Units(), duplicated));
    }
}
