using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;

namespace AnnualReview.Assessment.Tests.Roster;

public class RosterTreeTests
{
    private static RosterTree Sample() => RosterTree.Build(SampleRoster.Units(), SampleRoster.Members());

    [Fact]
    public void Build_Sample_FindsRootAndCounts()
    {
        var tree = Sample();

        Assert.Equal("board", tree.Root.Id);
        Assert.Equal(10, tree.UnitCount);
        Assert.Equal(6, tree.MemberCount);
    }

    [Fact]
    public void ChildrenOf_Committee_ListsItsGrassrootsInRosterOrder()
    {
        Assert.Equal(["g1", "g2"], Sample().ChildrenOf("c1").Select(u => u.Id));
        Assert.Empty(Sample().ChildrenOf("cell1"));
    }

    [Fact]
    public void PathFromRoot_Cell_GoesFromBoardToCell()
    {
        Assert.Equal(["board", "c1", "g1", "cell2"], Sample().PathFromRoot("cell2").Select(u => u.Id));
        Assert.Equal(["board"], Sample().PathFromRoot("board").Select(u => u.Id));
    }

    [Theory]
    [InlineData("cell2", "c1", true)]
    [InlineData("cell2", "board", true)]
    [InlineData("cell2", "cell2", true)]
    [InlineData("cell2", "c2", false)]
    [InlineData("c1", "cell2", false)]
    [InlineData("g2", "g1", false)]
    [InlineData("nowhere", "board", false)]
    [InlineData("cell1", "nowhere", false)]
    public void IsInSubtree_Pairs_AnswerByTheTree(string unitId, string ancestorId, bool expected)
    {
        Assert.Equal(expected, Sample().IsInSubtree(unitId, ancestorId));
    }

    [Fact]
    public void IsMemberInSubtree_MemberOfCell_IsUnderItsCommitteeOnly()
    {
        var tree = Sample();

        Assert.True(tree.IsMemberInSubtree("m5", "c2"));
        Assert.False(tree.IsMemberInSubtree("m5", "c1"));
        Assert.False(tree.IsMemberInSubtree("m99", "board"));
    }

    [Fact]
    public void GrassrootsOf_CellAndGrassrootsCell_FindTheDecidingOrganization()
    {
        var tree = Sample();

        Assert.Equal("g1", tree.GrassrootsOf("cell2")!.Id);
        Assert.Equal("g2", tree.GrassrootsOf("cell3")!.Id);
        Assert.Equal("g2", tree.GrassrootsOf("g2")!.Id);
        Assert.Null(tree.GrassrootsOf("c1"));
    }

    [Fact]
    public void GrassrootsOf_CellKeptByCommittee_IsNull()
    {
        var units = SampleRoster.Units().Append(new Unit("cell9", "Chi bộ Văn phòng", UnitKind.Cell, "c2")).ToArray();

        Assert.Null(RosterTree.Build(units, SampleRoster.Members()).GrassrootsOf("cell9"));
    }

    [Fact]
    public void CellsUnderAndMembers_Committee_AreSlicesOfItsSubtree()
    {
        var tree = Sample();

        Assert.Equal(["cell1", "cell2", "cell3"], tree.CellsUnder("c1").Select(u => u.Id));
        Assert.Equal(["cell1"], tree.CellsUnder("cell1").Select(u => u.Id));
        Assert.Equal(["m1", "m2"], tree.MembersOf("cell1").Select(m => m.Id));
        Assert.Empty(tree.MembersOf("g1"));
        Assert.Equal(["m1", "m2", "m3", "m4"], tree.MembersUnder("c1").Select(m => m.Id));
        Assert.Equal("cell4", tree.CellOf("m6").Id);
    }

    [Fact]
    public void CountsOf_Units_CountTheSubtreeIncludingItself()
    {
        var tree = Sample();

        Assert.Equal(new RosterCounts(2, 3, 4, 6), tree.CountsOf("board"));
        Assert.Equal(new RosterCounts(1, 2, 3, 4), tree.CountsOf("c1"));
        Assert.Equal(new RosterCounts(0, 0, 1, 2), tree.CountsOf("cell1"));
    }

    [Fact]
    public void Lookups_UnknownIds_ThrowOrReturnFalse()
    {
        var tree = Sample();

        Assert.Throws<KeyNotFoundException>(() => tree.ChildrenOf("nowhere"));
        Assert.Throws<KeyNotFoundException>(() => tree.CellOf("m99"));
        Assert.False(tree.TryGetUnit("nowhere", out _));
        Assert.True(tree.TryGetMember("m3", out var member));
        Assert.Equal("Lê Hữu Cường", member.FullName);
        Assert.Null(tree.ParentOf("board"));
        Assert.Equal("g3", tree.ParentOf("cell4")!.Id);
    }

    [Fact]
    public void Build_InvalidRosters_Throw()
    {
        var units = SampleRoster.Units();
        Assert.Throws<ArgumentException>(() => RosterTree.Build([.. units, units[3]], []));
        Assert.Throws<ArgumentException>(() => RosterTree.Build([.. units, new Unit("x", "X", UnitKind.Committee, "y"), new Unit("y", "Y", UnitKind.Committee, "x")], []));
        Assert.Throws<ArgumentException>(() => RosterTree.Build(units, [SampleRoster.Member("m1", "A", "g1")]));
        Assert.Throws<ArgumentException>(() => RosterTree.Build(units[1..], []));
    }

    [Fact]
    public void Build_GeneratedCityOf150000_IsConsistent()
    {
        var roster = RosterGenerator.City(seed: 11, totalMembers: 150_000);

        var tree = RosterTree.Build(roster.Units, roster.Members);
        var counted = tree.ChildrenOf(tree.Root.Id).Sum(c => tree.CountsOf(c.Id).Members);
        var lastMember = roster.Members[^1];
        var committee = tree.PathFromRoot(lastMember.CellId)[1];

        Assert.Equal(150_000, counted);
        Assert.True(tree.IsMemberInSubtree(lastMember.Id, committee.Id));
    }
}
