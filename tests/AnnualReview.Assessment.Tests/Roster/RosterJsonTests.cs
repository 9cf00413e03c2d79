using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;

namespace AnnualReview.Assessment.Tests.Roster;

public class RosterJsonTests
{
    [Fact]
    public void Parse_ValidDocument_ReadsUnitsAndMembers()
    {
        const string json = """
            {
              "units": [
                { "id": "board", "name": "Ban Tổ chức", "kind": "OrganizationBoard", "parentId": null },
                { "id": "cell1", "name": "Chi bộ 1", "kind": "chi bộ", "parentId": "board", "email": "c1@example.vn" }
              ],
              "members": [
                { "id": "m1", "fullName": "Nguyễn Văn An", "cellId": "cell1", "membership": "full",
                  "admittedOn": "2010-05-19", "standing": "active", "leave": "long_sick", "leaveMonths": 4,
                  "leadershipPost": null, "outsidePoliticalSystem": true, "email": "m1@example.vn", "phone": "0901234567" }
              ]
            }
            """;

        var result = RosterJson.Parse(json);

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Units.Count);
        Assert.Equal(UnitKind.Cell, result.Units[1].Value.Kind);
        Assert.Equal("c1@example.vn", result.Units[1].Value.Email);
        var member = Assert.Single(result.Members).Value;
        Assert.Equal(LeaveKind.LongSick, member.Leave);
        Assert.Equal(4, member.LeaveMonths);
        Assert.True(member.OutsidePoliticalSystem);
        Assert.Equal(new DateOnly(2010, 5, 19), member.AdmittedOn);
    }

    [Fact]
    public void Parse_BadValue_ReportsArrayPathLineAndCamelCaseField()
    {
        const string json = """
            {
              "units": [],
              "members": [
                { "id": "m1", "fullName": "A", "cellId": "c", "membership": "full", "admittedOn": "2010-05-19" },
                { "id": "m2", "fullName": "B", "cellId": "c", "membership": "full", "admittedOn": "19/05/2010" }
              ]
            }
            """;

        var error = Assert.Single(RosterJson.Parse(json).Errors);

        Assert.Equal(RosterErrorCodes.InvalidDate, error.Code);
        Assert.Equal("admittedOn", error.Field);
        Assert.Equal("members[1]", error.Position!.Value.Path);
        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void Parse_ValidationErrors_UseJsonFieldNames()
    {
        const string json = """
            { "units": [ { "id": "b", "name": "B", "kind": "Committee" } ],
              "members": [ { "id": "m1", "fullName": "A", "cellId": "nowhere", "membership": "full", "admittedOn": "2010-05-19" } ] }
            """;

        var result = RosterImport.FromJson(json, new DateOnly(2025, 11, 20));

        var error = Assert.Single(result.Errors);
        Assert.Equal(RosterErrorCodes.UnknownCell, error.Code);
        Assert.Equal("cellId", error.Field);
        Assert.Equal("members[0] (line 2)", error.Position.ToString());
    }

    [Fact]
    public void Parse_MalformedJson_ReportsLine()
    {
        const string json = "{\n  \"units\": [\n    { \"id\": \"b\", \"name\": \"B\", \"kind\": \"Committee\" }\n    { \"id\": \"c\" }\n  ]\n}";

        var result = RosterJson.Parse(json);

        var error = Assert.Single(result.Errors);
        Assert.Equal(RosterErrorCodes.MalformedJson, error.Code);
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Parse_UnknownProperty_IsAnError()
    {
        const string json = """{ "units": [ { "id": "b", "name": "B", "kind": "Committee", "parent": "x" } ] }""";

        var error = Assert.Single(RosterJson.Parse(json).Errors);

        Assert.Equal(RosterErrorCodes.UnknownColumn, error.Code);
        Assert.Equal("parent", error.Field);
        Assert.Equal("units[0]", error.Position!.Value.Path);
    }

    [Fact]
    public void Parse_ObjectWhereValueExpected_IsAnError()
    {
        const string json = """{ "members": [ { "id": "m1", "fullName": { "first": "A" } } ] }""";

        var error = Assert.Single(RosterJson.Parse(json).Errors);

        Assert.Equal(RosterErrorCodes.InvalidValue, error.Code);
        Assert.Equal("fullName", error.Field);
    }

    [Fact]
    public void Parse_DocumentNotAnObject_IsMalformed()
    {
        var error = Assert.Single(RosterJson.Parse("[1, 2]").Errors);

        Assert.Equal(RosterErrorCodes.MalformedJson, error.Code);
    }
}
