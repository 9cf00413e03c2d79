using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Reports;

namespace AnnualReview.Assessment.Tests.Reports;

public class RatingCountsTests
{
    [Fact]
    public void Percent_SharesOfRated_RoundToOneDecimalHalfAwayFromZero()
    {
        var counts = new RatingCounts(1, 6, 1, 0);

        Assert.Equal(8, counts.Rated);
        Assert.Equal(12.5m, counts.Percent(RatingLevel.Excellent));
        Assert.Equal(75.0m, counts.Percent(RatingLevel.Good));
        Assert.Equal(0.0m, counts.Percent(RatingLevel.NotCompleted));
        Assert.Equal(33.3m, new RatingCounts(1, 2, 0, 0).Percent(RatingLevel.Excellent));
        Assert.Equal(66.7m, new RatingCounts(1, 2, 0, 0).Percent(RatingLevel.Good));
    }

    [Fact]
    public void Percent_NobodyRated_IsNull()
    {
        Assert.Null(default(RatingCounts).Percent(RatingLevel.Good));
    }
}
