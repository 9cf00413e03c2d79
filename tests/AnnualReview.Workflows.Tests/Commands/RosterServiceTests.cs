using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;
using AnnualReview.Testing;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Workflows.Tests.Commands;

/// <summary>Journey 1: a roster with bad rows is refused whole; fixed, it imports; a week later only the moves show.</summary>
[Collection("azurite")]
public sealed class RosterServiceTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public async Task ImportCsv_BadRowsThenFixedThenMoves_RefusesWholeImportsAndReportsOnlyTheMoves(int tableShards)
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(90));
        var storage = new AssessmentStorage(new AssessmentStorageOptions { ConnectionString = azurite.ConnectionString, Prefix = AzuriteServer.NewTaskHubName("roster"), TableShards = tableShards });
        var service = new RosterService(storage, TimeProvider.System);
        RosterSnapshot city = RosterGenerator.City(seed: 7, totalMembers: 600);
        Member ghost = city.Members[10] with { CellId = "no-such-cell" };

        RosterImportReport refused = await service.ImportCsvAsync(new StringReader(Csv(city.Units)), new StringReader(Csv([.. city.Members.Take(10), ghost, .. city.Members.Skip(11)])), timeout);
        RosterImportReport imported = await service.ImportCsvAsync(new StringReader(Csv(city.Units)), new StringReader(Csv(city.Members)), timeout);
        RosterImportReport again = await service.ImportCsvAsync(new StringReader(Csv(city.Units)), new StringReader(Csv(city.Members)), timeout);
        RosterSnapshot moved = RosterGenerator.MoveMembers(city, 5, seed: 3);
        RosterImportReport week = await service.ImportCsvAsync(new StringReader(Csv(moved.Units)), new StringReader(Csv(moved.Members)), timeout);

        Assert.False(refused.Imported);
        RosterError error = Assert.Single(refused.Errors);
        Assert.Equal(12, error.Line); // the header is line 1, so the 11th member is line 12
        Assert.Equal("cell_id", error.Field);
        Assert.True(imported.Imported);
        Assert.Equal(600, imported.Changes!.AddedMembers.Count);
        Assert.True(again.Changes!.IsEmpty);
        Assert.Equal(5, week.Changes!.MovedMembers.Count);
        Assert.Equal(5, week.Changes.TotalChanges);
        var store = new RosterStore(storage);
        foreach (MemberMove move in week.Changes.MovedMembers)
        {
            Assert.Equal(move.ToCellId, (await store.GetMemberAsync(move.MemberId, timeout))!.CellId);
            Assert.DoesNotContain(await store.GetCellMembersAsync(move.FromCellId, timeout), m => m.Id == move.MemberId);
        }
    }

    private static string Csv(IEnumerable<Unit> units)
    {
        using var writer = new StringWriter();
        RosterCsv.WriteUnits(writer, units);
        return writer.ToString();
    }

    private static string Csv(IEnumerable<Member> members)
    {
        using var writer = new StringWriter();
        RosterCsv.WriteMembers(writer, members);
        return writer.ToString();
    }
}
