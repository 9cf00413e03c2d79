using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;

namespace AnnualReview.Assessment.Tests.Roster;

/// <summary>Journey 1: the board imports the city roster from the party member database export.</summary>
public class RosterImportTests
{
    private static readonly DateOnly Today = new(2025, 11, 20);

    private static (string Units, string Members) Csv(RosterSnapshot roster)
    {
        var units = new StringWriter();
        var members = new StringWriter();
        RosterCsv.WriteUnits(units, roster.Units);
        RosterCsv.WriteMembers(members, roster.Members);
        return (units.ToString(), members.ToString());
    }

    private static RosterImportResult Import(string units, string members) =>
        RosterImport.FromCsv(new StringReader(units), new StringReader(members), Today);

    [Fact]
    public void FromCsv_ThreeWrongRows_RefusesEverythingAndListsExactlyThoseLinesAndFields()
    {
        var roster = RosterGenerator.City(seed: 2026, totalMembers: 5_000, asOf: Today);
        var members = roster.Members.ToArray();
        // Data row i sits on physical line i + 2: the header is line 1.
        members[99] = members[99] with { CellId = "u-c99-g999-cell99" };
        members[1_999] = members[1_999] with { Id = members[5].Id };
        members[4_499] = members[4_499] with { AdmittedOn = Today.AddDays(30) };
        var (units, membersCsv) = Csv(roster with { Members = members });

        var result = Import(units, membersCsv);

        Assert.False(result.Valid);
        Assert.Empty(result.Units);
        Assert.Empty(result.Members);
        Assert.Equal(
            [
                (101, "cell_id", RosterErrorCodes.UnknownCell),
                (2_001, "id", RosterErrorCodes.DuplicateMemberId),
                (4_501, "admitted_on", RosterErrorCodes.AdmittedInFuture),
            ],
            result.Errors.Select(e => (e.Line!.Value, e.Field, e.Code)));
        Assert.Contains("dòng 7", result.Errors[1].MessageVi, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCsv_FixedThenMovedAWeekLater_ReportsOnlyTheFortyMoves()
    {
        var roster = RosterGenerator.City(seed: 2026, totalMembers: 5_000, asOf: Today);
        var (units, members) = Csv(roster);
        var first = Import(units, members);
        var moved = RosterGenerator.MoveMembers(roster, count: 40, seed: 8);
        var (unitsLater, membersLater) = Csv(moved);

        var second = RosterImport.FromCsv(new StringReader(unitsLater), new StringReader(membersLater), Today.AddDays(7));
        var diff = RosterDiff.Compute(first.Units, first.Members, second.Units, second.Members);

        Assert.True(first.Valid);
        Assert.True(second.Valid);
        Assert.Equal(40, diff.MovedMembers.Count);
        Assert.Equal(40, diff.TotalChanges);
        Assert.All(diff.MovedMembers, move => Assert.NotEqual(move.FromCellId, move.ToCellId));
    }

    [Fact]
    public void FromCsv_ValidRoster_ReturnsEveryUnitAndMember()
    {
        var roster = RosterGenerator.City(seed: 1, totalMembers: 800);
        var (units, members) = Csv(roster);

        var result = Import(units, members);

        Assert.True(result.Valid);
        Assert.Empty(result.Errors);
        Assert.Equal(roster.Units, result.Units);
        Assert.Equal(roster.Members, result.Members);
    }

    [Fact]
    public void FromCsv_UnreadableCellRow_ReportsThatRowOnly()
    {
        var units = "id,name,kind,parent_id\nb,Ban Tổ chức,OrganizationBoard,\ng,Đảng bộ cơ sở,GrassrootsOrganization,b\nx,Chi bộ X,Cel,g\n";
        var members = "id,full_name,cell_id,membership,admitted_on\nm1,Nguyễn Văn An,x,full,2010-01-01\nm2,Trần Thị Bình,x,full,2011-01-01\n";

        var result = Import(units, members);

        var error = Assert.Single(result.Errors);
        Assert.Equal((4, "kind"), (error.Line!.Value, error.Field));
        Assert.False(result.Valid);
    }

    [Fact]
    public void FromCsv_ParseAndValidationErrors_AreMergedInFileOrder()
    {
        var units = "id,name,kind,parent_id\nb,Ban Tổ chức,OrganizationBoard,\nx,Chi bộ X,Cell,b\n";
        var members = "id,full_name,cell_id,membership,admitted_on\nm1,A,x,full,2010-01-01\nm2,B,x,member,2011-01-01\nm3,C,y,full,2011-01-01\n";

        var result = Import(units, members);

        Assert.Equal(
            [(3, "units"), (3, "members"), (4, "members")],
            result.Errors.Select(e => (e.Line!.Value, e.Position!.Value.Collection)));
        Assert.Equal(RosterErrorCodes.WrongParentKind, result.Errors[0].Code);
    }

    [Fact]
    public void Run_MembersAndUnitsFromJson_ImportsAllOrNothing()
    {
        const string json = """
            { "units": [ { "id": "b", "name": "B", "kind": "Committee" }, { "id": "g", "name": "G", "kind": "GrassrootsOrganization", "parentId": "b" },
                         { "id": "c", "name": "C", "kind": "Cell", "parentId": "g" } ],
              "members": [ { "id": "m1", "fullName": "A", "cellId": "c", "membership": "probationary", "admittedOn": "2025-06-01" } ] }
            """;

        var result = RosterImport.FromJson(json, Today);

        Assert.True(result.Valid);
        Assert.Equal(MembershipKind.Probationary, Assert.Single(result.Members).Membership);
    }
}
