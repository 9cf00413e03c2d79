using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;

namespace AnnualReview.Assessment.Tests.Roster;

public class RosterGeneratorTests
{
    private readonly ITestOutputHelper output;

    public RosterGeneratorTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void City_SameSeed_GivesTheSameRoster()
    {
        var a = RosterGenerator.City(seed: 42, totalMembers: 5_000);
        var b = RosterGenerator.City(seed: 42, totalMembers: 5_000);
        var c = RosterGenerator.City(seed: 43, totalMembers: 5_000);

        Assert.Equal(a.Units, b.Units);
        Assert.Equal(a.Members, b.Members);
        Assert.NotEqual(a.Members.Select(m => m.FullName), c.Members.Select(m => m.FullName));
    }

    [Fact]
    public void City_TenThousand_IsAValidTreeOfTheRightShape()
    {
        var roster = RosterGenerator.City(seed: 1, totalMembers: 10_000);
        var tree = RosterTree.Build(roster.Units, roster.Members);

        Assert.Empty(RosterValidator.Validate(roster.Units, roster.Members, RosterGenerator.DefaultAsOf));
        Assert.Equal(10_000, roster.Members.Count);
        Assert.Equal(UnitKind.OrganizationBoard, tree.Root.Kind);
        Assert.Equal(17, tree.ChildrenOf(tree.Root.Id).Count);
        Assert.All(tree.ChildrenOf(tree.Root.Id), c => Assert.Equal(UnitKind.Committee, c.Kind));
        var cells = tree.CellsUnder(tree.Root.Id);
        Assert.All(cells, cell => Assert.InRange(tree.MembersOf(cell.Id).Count, 10, 30));
        Assert.InRange(10_000.0 / cells.Count, 16.5, 19.5);
        Assert.Matches("^u-c[0-9]{2}-g[0-9]{3}-cell[0-9]{2}$", cells[0].Id);
        Assert.Equal("m-000123", roster.Members[122].Id);
        Assert.Equal("m000123@example.vn", roster.Members[122].Email);
    }

    [Fact]
    public void City_GrassrootsCells_HoldExactlyOneCell()
    {
        var roster = RosterGenerator.City(seed: 5, totalMembers: 10_000);
        var tree = RosterTree.Build(roster.Units, roster.Members);
        var grassroots = roster.Units.Where(u => u.Kind == UnitKind.GrassrootsOrganization).ToList();

        var grassrootsCells = grassroots.Where(g => g.Name.StartsWith("Chi bộ cơ sở", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(grassrootsCells);
        Assert.All(grassrootsCells, g => Assert.Single(tree.ChildrenOf(g.Id)));
        Assert.All(grassroots, g => Assert.All(tree.ChildrenOf(g.Id), c => Assert.Equal(UnitKind.Cell, c.Kind)));
    }

    [Fact]
    public void City_TenThousand_HasTheRequestedShares()
    {
        var asOf = RosterGenerator.DefaultAsOf;
        var members = RosterGenerator.City(seed: 9, totalMembers: 10_000).Members;
        double Share(Func<Member, bool> predicate) => members.Count(predicate) / (double)members.Count;

        Assert.InRange(Share(m => m.Membership == MembershipKind.Probationary), 0.065, 0.095);
        Assert.All(members.Where(m => m.Membership == MembershipKind.Probationary), m => Assert.True(m.AdmittedOn > asOf.AddYears(-2)));
        Assert.All(members.Where(m => m.Membership == MembershipKind.Full), m => Assert.True(m.AdmittedOn < asOf.AddYears(-1)));
        Assert.InRange(Share(m => m.Standing == MemberStanding.Exempt), 0.012, 0.028);
        Assert.InRange(Share(m => m.Standing == MemberStanding.Suspended), 0.002, 0.009);
        Assert.InRange(Share(m => m.Leave == LeaveKind.LongSick), 0.012, 0.028);
        Assert.InRange(Share(m => m.Leave == LeaveKind.Maternity), 0.005, 0.016);
        Assert.All(members.Where(m => m.Leave != LeaveKind.None), m => Assert.InRange(m.LeaveMonths, 3, 12));
        Assert.InRange(Share(m => m.LeadershipPost is not null), 0.10, 0.14);
        Assert.InRange(Share(m => m.OutsidePoliticalSystem), 0.13, 0.17);
        Assert.DoesNotContain(members, m => m.OutsidePoliticalSystem && m.LeadershipPost is not null);
        Assert.InRange(Share(m => m.FullName.StartsWith("Nguyễn ", StringComparison.Ordinal)), 0.30, 0.45);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(31)]
    [InlineData(41)]
    [InlineData(500)]
    public void City_SmallTotals_StillSumExactly(int total)
    {
        var roster = RosterGenerator.City(seed: 2, totalMembers: total, committees: 3);

        Assert.Equal(total, roster.Members.Count);
        Assert.Empty(RosterValidator.Validate(roster.Units, roster.Members, RosterGenerator.DefaultAsOf));
    }

    [Fact]
    public void City_HundredThousand_GeneratesEveryMemberInAValidTree()
    {
        var roster = RosterGenerator.City(seed: 100, totalMembers: 100_000);

        output.WriteLine($"100,000 members, {roster.Units.Count} units");
        Assert.Equal(100_000, roster.Members.Count);
        Assert.Empty(RosterValidator.Validate(roster.Units, roster.Members, RosterGenerator.DefaultAsOf));
    }

    [Fact]
    public void MoveMembers_Forty_MovesFortyDistinctMembersAndNothingElse()
    {
        var roster = RosterGenerator.City(seed: 4, totalMembers: 3_000);

        var moved = RosterGenerator.MoveMembers(roster, count: 40, seed: 1);
        var again = RosterGenerator.MoveMembers(roster, count: 40, seed: 1);

        var changed = roster.Members.Zip(moved.Members).Where(p => p.First != p.Second).ToList();
        Assert.Equal(40, changed.Count);
        Assert.All(changed, p => Assert.Equal(p.First with { CellId = p.Second.CellId }, p.Second));
        Assert.All(changed, p => Assert.NotEqual(p.First.CellId, p.Second.CellId));
        Assert.Equal(moved.Members, again.Members);
        Assert.Same(roster.Units, moved.Units);
        Assert.Empty(RosterValidator.Validate(moved.Units, moved.Members, RosterGenerator.DefaultAsOf));
    }

    [Fact]
    public void MoveMembers_MoreThanThereAre_Throws()
    {
        var roster = RosterGenerator.City(seed: 4, totalMembers: 20);

        Assert.Throws<ArgumentOutOfRangeException>(() => RosterGenerator.MoveMembers(roster, 21, 1));
    }
}
