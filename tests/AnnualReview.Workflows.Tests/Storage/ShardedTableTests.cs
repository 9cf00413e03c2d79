using System.Globalization;
using Azure.Data.Tables;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Workflows.Tests.Storage;

public sealed class ShardedTableTests
{
    // Building clients does not reach the network, so the well-known emulator string is enough here.
    private static readonly TableServiceClient Service = new("UseDevelopmentStorage=true");

    [Fact]
    public void For_OneShard_IsThePlainTableForEveryKey()
    {
        var table = new ShardedTable(Service, "reviewInbox", 1);

        Assert.Equal("reviewInbox", Assert.Single(table.Shards).Name);
        Assert.Same(table.Shards[0], table.For("m-000001"));
        Assert.Same(table.Shards[0], table.For(""));
    }

    [Fact]
    public void For_SixteenShards_SameKeySameTableAndACitySpreadsOverAll()
    {
        var table = new ShardedTable(Service, "reviewInbox", 16);
        string[] members = [.. Enumerable.Range(0, 10_000).Select(i => "m-" + i.ToString("D6", CultureInfo.InvariantCulture))];

        var perShard = members.GroupBy(m => table.For(m).Name).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal([.. Enumerable.Range(0, 16).Select(s => "reviewInbox" + s.ToString("D2", CultureInfo.InvariantCulture))], table.Shards.Select(s => s.Name));
        Assert.Same(table.For(members[42]), table.For(members[42]));
        Assert.Equal(16, perShard.Count);
        Assert.All(perShard.Values, count => Assert.InRange(count, 500, 750));
    }

    [Fact]
    public void Constructor_NoShards_IsRefused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new ShardedTable(Service, "reviewInbox", 0));
}
