using System.Globalization;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Workflows.Tests.Storage;

public sealed class RosterStoreTests
{
    [Fact]
    public void MemberBucket_SameIdSameBucket_AndACitySpreadsOverNearlyAllBuckets()
    {
        string[] ids = [.. Enumerable.Range(0, 10_000).Select(i => "m-" + i.ToString("D6", CultureInfo.InvariantCulture))];

        var buckets = ids.Select(RosterStore.MemberBucket).ToList();

        Assert.Equal(buckets[1234], RosterStore.MemberBucket(ids[1234]));
        Assert.All(buckets, b => Assert.Matches("^m[0-9a-f]{2}$", b));
        Assert.True(buckets.Distinct().Count() >= 250, $"only {buckets.Distinct().Count()} buckets used");
        Assert.True(buckets.GroupBy(b => b).Max(g => g.Count()) < 100, "a bucket holds over 100 of 10,000 members");
    }
}
