using AnnualReview.Assessment.Shortcomings;

namespace AnnualReview.Assessment.Tests.Shortcomings;

public class FixedShareTests
{
    private static ShortcomingFix Fix(FixState state) => new("x", state, string.Empty);

    [Fact]
    public void Of_PartlyFixedCountsWithWeight()
    {
        ShortcomingFix[] fixes = [Fix(FixState.Fixed), Fix(FixState.PartlyFixed), Fix(FixState.NotFixed), Fix(FixState.Fixed)];

        Assert.Equal(2.5m / 4, FixedShare.Of(fixes, 0.5m));
        Assert.Equal(0.5m, FixedShare.Of(fixes, 0m));
        Assert.Equal((2, 4), FixedShare.Count(fixes));
    }

    [Fact]
    public void Of_NothingCarried_AllFixed() => Assert.Equal(1m, FixedShare.Of([], 0.5m));

    [Fact]
    public void Of_WeightAboveOne_Refused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => FixedShare.Of([Fix(FixState.PartlyFixed)], 1.5m));
}
