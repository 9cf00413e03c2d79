using AnnualReview.Functions.Api.Roster;

namespace AnnualReview.Functions.Tests.Api.Roster;

public sealed class RosterCsvBodyTests
{
    [Fact]
    public void Split_AtTheFirstBlankLine_GivesBothTablesAndWhereMembersStart()
    {
        RosterCsvBody? body = RosterCsvBody.Split("id,name\r\nu1,Một\r\n\r\nid,full_name\r\nm1,An\r\n");

        Assert.NotNull(body);
        Assert.Equal("id,name\r\nu1,Một\r", body.Units);
        Assert.StartsWith("id,full_name", body.Members, StringComparison.Ordinal);
        Assert.Equal(4, body.MembersFirstLine);
    }

    [Theory]
    [InlineData("id,name\nu1,Một\n")]
    [InlineData("id,name\nu1,Một\n\n\n")]
    [InlineData("\n\nid,name\nu1,Một")]
    public void Split_WithoutAMembersTable_IsNull(string text)
    {
        Assert.Null(RosterCsvBody.Split(text));
    }
}
