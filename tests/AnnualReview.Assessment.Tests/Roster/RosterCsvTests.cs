using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;

namespace AnnualReview.Assessment.Tests.Roster;

public class RosterCsvTests
{
    private const string MemberHeader =
        "id,full_name,cell_id,membership,admitted_on,standing,leave,leave_months,leadership_post,outside_political_system,email,phone\n";

    [Fact]
    public void ParseUnits_ValidFile_ReadsEveryUnitWithLines()
    {
        var csv = "id,name,kind,parent_id,email\n" +
                  "board,Ban Tổ chức Thành ủy,OrganizationBoard,,bantochuc@example.vn\n" +
                  "c1,Đảng bộ phường Ninh Kiều,Committee,board,\n" +
                  "cell1,Chi bộ Khu vực 1,Cell,c1,\n";

        var result = RosterCsv.ParseUnits(new StringReader(csv));

        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Units.Count);
        Assert.Equal(new Unit("board", "Ban Tổ chức Thành ủy", UnitKind.OrganizationBoard, null) { Email = "bantochuc@example.vn" }, result.Units[0].Value);
        Assert.Null(result.Units[1].Value.Email);
        Assert.Equal([2, 3, 4], result.Units.Select(u => u.Position.Line!.Value));
    }

    [Fact]
    public void ParseUnits_QuotedFieldsWithCommasQuotesAndLineBreaks_AreReadAndLinesStayPhysical()
    {
        var csv = "id,name,kind,parent_id\r\n" +
                  "board,\"Ban Tổ chức, Thành ủy\",OrganizationBoard,\r\n" +
                  "c1,\"Đảng bộ \"\"Ninh Kiều\"\"\nphường mới\",Committee,board\r\n" +
                  "c2,Đảng bộ Cái Khế,Committee,board\r\n";

        var result = RosterCsv.ParseUnits(new StringReader(csv));

        Assert.Empty(result.Errors);
        Assert.Equal("Ban Tổ chức, Thành ủy", result.Units[0].Value.Name);
        Assert.Equal("Đảng bộ \"Ninh Kiều\"\nphường mới", result.Units[1].Value.Name);
        Assert.Equal(3, result.Units[1].Position.Line);
        Assert.Equal(5, result.Units[2].Position.Line);
    }

    [Theory]
    [InlineData("chi bộ", UnitKind.Cell)]
    [InlineData("Chi bộ cơ sở", UnitKind.GrassrootsOrganization)]
    [InlineData("đảng bộ cơ sở", UnitKind.GrassrootsOrganization)]
    [InlineData("Đảng bộ", UnitKind.Committee)]
    [InlineData("thành ủy", UnitKind.OrganizationBoard)]
    [InlineData("grassroots_organization", UnitKind.GrassrootsOrganization)]
    [InlineData("CELL", UnitKind.Cell)]
    public void ParseUnits_KindNamedInVietnameseOrOtherCase_IsAccepted(string text, UnitKind expected)
    {
        var result = RosterCsv.ParseUnits(new StringReader($"id,name,kind,parent_id\nx,X,{text},\n"));

        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.Units[0].Value.Kind);
    }

    [Fact]
    public void ParseUnits_DecomposedVietnamese_IsComposed()
    {
        var decomposed = "Chi bộ Khu vực".Normalize(System.Text.NormalizationForm.FormD);
        var kind = "chi bộ".Normalize(System.Text.NormalizationForm.FormD);

        var result = RosterCsv.ParseUnits(new StringReader($"id,name,kind,parent_id\nx,{decomposed},{kind},\n"));

        Assert.Empty(result.Errors);
        Assert.Equal("Chi bộ Khu vực", result.Units[0].Value.Name);
    }

    [Fact]
    public void ParseUnits_UnknownKind_ReportsLineAndField()
    {
        var result = RosterCsv.ParseUnits(new StringReader("id,name,kind,parent_id\nb,B,OrganizationBoard,\nx,X,Branch,b\n"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(RosterErrorCodes.InvalidValue, error.Code);
        Assert.Equal(3, error.Line);
        Assert.Equal("kind", error.Field);
        Assert.Contains("x", result.UnreadableUnitIds);
        Assert.Single(result.Units);
    }

    [Fact]
    public void ParseUnits_MissingRequiredColumn_ReportsHeaderAndReadsNoRow()
    {
        var result = RosterCsv.ParseUnits(new StringReader("id,name,parent_id\nb,B,\n"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(RosterErrorCodes.MissingColumn, error.Code);
        Assert.Equal(1, error.Line);
        Assert.Equal("kind", error.Field);
        Assert.Empty(result.Units);
    }

    [Fact]
    public void ParseUnits_MisspeltColumn_IsAnError()
    {
        var result = RosterCsv.ParseUnits(new StringReader("id,name,kind,parent_id,emial\nb,B,Committee,,x@example.vn\n"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(RosterErrorCodes.UnknownColumn, error.Code);
        Assert.Equal("emial", error.Field);
    }

    [Fact]
    public void ParseUnits_RowWithTooFewFields_ReportsColumnCount()
    {
        var result = RosterCsv.ParseUnits(new StringReader("id,name,kind,parent_id\nb,B,Committee\n"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(RosterErrorCodes.ColumnCount, error.Code);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void ParseUnits_UnclosedQuote_IsReported()
    {
        var result = RosterCsv.ParseUnits(new StringReader("id,name,kind,parent_id\nb,\"B,Committee,\n"));

        Assert.Contains(result.Errors, e => e.Code == RosterErrorCodes.UnclosedQuote && e.Line == 2);
    }

    [Fact]
    public void ParseUnits_EmptyInput_ReportsEmptyFile()
    {
        var error = Assert.Single(RosterCsv.ParseUnits(new StringReader(string.Empty)).Errors);

        Assert.Equal(RosterErrorCodes.EmptyFile, error.Code);
    }

    [Fact]
    public void ParseUnits_ByteOrderMarkAndBlankLines_AreIgnored()
    {
        var result = RosterCsv.ParseUnits(new StringReader("\uFEFFid,name,kind,parent_id\n\nb,B,Committee,\n\n"));

        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Units[0].Position.Line);
    }

    [Fact]
    public void ParseMembers_AllColumns_ReadsEveryField()
    {
        var csv = MemberHeader +
                  "m-1,Nguyễn Thị Hoa,cell1,probationary,2025-03-26,exempt,maternity,6,\"Trưởng phòng, Sở Tài chính\",true,m1@example.vn,0912345678\n";

        var result = RosterCsv.ParseMembers(new StringReader(csv));

        Assert.Empty(result.Errors);
        var member = result.Members[0].Value;
        Assert.Equal(
            new Member("m-1", "Nguyễn Thị Hoa", "cell1", MembershipKind.Probationary, new DateOnly(2025, 3, 26))
            {
                Standing = MemberStanding.Exempt,
                Leave = LeaveKind.Maternity,
                LeaveMonths = 6,
                LeadershipPost = "Trưởng phòng, Sở Tài chính",
                OutsidePoliticalSystem = true,
                Email = "m1@example.vn",
                Phone = "0912345678",
            },
            member);
    }

    [Fact]
    public void ParseMembers_OnlyRequiredColumns_UsesDefaults()
    {
        var result = RosterCsv.ParseMembers(new StringReader("full_name,id,cell_id,admitted_on,membership\nLê Văn Nam,m-2,cell1,2001-09-02,chính thức\n"));

        Assert.Empty(result.Errors);
        var member = result.Members[0].Value;
        Assert.Equal(MembershipKind.Full, member.Membership);
        Assert.Equal(MemberStanding.Active, member.Standing);
        Assert.Equal(LeaveKind.None, member.Leave);
        Assert.Equal(0, member.LeaveMonths);
        Assert.Null(member.LeadershipPost);
        Assert.False(member.OutsidePoliticalSystem);
    }

    [Fact]
    public void ParseMembers_SeveralBadFieldsInOneRow_ReportsEachField()
    {
        var csv = MemberHeader + "m-1,A,cell1,member,26/03/2025,retired,long_sick,three,,maybe,,\n";

        var result = RosterCsv.ParseMembers(new StringReader(csv));

        Assert.Empty(result.Members);
        Assert.Equal(
            ["membership", "admitted_on", "standing", "leave_months", "outside_political_system"],
            result.Errors.Select(e => e.Field));
        Assert.All(result.Errors, e => Assert.Equal(2, e.Line));
        Assert.Equal(RosterErrorCodes.InvalidDate, result.Errors[1].Code);
    }

    [Fact]
    public void WriteAndParse_GeneratedRoster_RoundTrips()
    {
        var roster = RosterGenerator.City(seed: 7, totalMembers: 3_000);
        var units = new StringWriter();
        var members = new StringWriter();

        RosterCsv.WriteUnits(units, roster.Units);
        RosterCsv.WriteMembers(members, roster.Members);
        var parsedUnits = RosterCsv.ParseUnits(new StringReader(units.ToString()));
        var parsedMembers = RosterCsv.ParseMembers(new StringReader(members.ToString()));

        Assert.Empty(parsedUnits.Errors);
        Assert.Empty(parsedMembers.Errors);
        Assert.Equal(roster.Units, parsedUnits.Units.Select(r => r.Value));
        Assert.Equal(roster.Members, parsedMembers.Members.Select(r => r.Value));
    }

    [Fact]
    public void WriteUnits_NameNeedingQuotes_IsQuoted()
    {
        var writer = new StringWriter();

        RosterCsv.WriteUnits(writer, [new Unit("x", "Chi bộ \"A\", khu 1", UnitKind.Cell, "g")]);

        Assert.Equal("id,name,kind,parent_id,email\r\nx,\"Chi bộ \"\"A\"\", khu 1\",Cell,g,\r\n", writer.ToString());
    }
}
