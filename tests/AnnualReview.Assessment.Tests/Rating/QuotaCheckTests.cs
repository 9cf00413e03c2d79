using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rating;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Assessment.Tests.Rating;

public class QuotaCheckTests
{
    private static readonly RuleSet Qd366 = RuleSetLoader.Load("QD366-2025");
    private static readonly RuleSet Qd124 = RuleSetLoader.Load("QD124-2023");

    [Fact]
    public void Check_Scenario4ElevenExcellentTwentyGood_MoveSix()
    {
        QuotaReport report = QuotaCheck.Check(Ratings("g", excellent: 11, good: 20), Qd366);

        QuotaGroupResult group = Assert.Single(report.Groups);
        Assert.False(report.IsWithin);
        Assert.Equal((11, 20, 4), (group.ExcellentCount, group.GoodCount, group.MaxExcellent));
        QuotaGuidance guidance = group.Guidance!;
        Assert.Equal(6, guidance.MoveCount);
        Assert.Equal(11, guidance.ExcellentMemberIds.Count);
        Assert.Equal("Chuyển 6 trong 11 đảng viên Hoàn thành xuất sắc sang Hoàn thành tốt", guidance.MessageVi);
        Assert.Equal("Move 6 of the 11 Excellent to Good", guidance.MessageEn);
    }

    [Fact]
    public void Check_Scenario4AfterMovingSix_IsWithin()
    {
        QuotaReport report = QuotaCheck.Check(Ratings("g", excellent: 5, good: 26), Qd366);

        Assert.True(report.IsWithin);
        Assert.Null(report.Groups[0].Guidance);
    }

    [Theory]
    [InlineData(11, 20, 6)]  // moving 5 leaves 6 > 20% of 25
    [InlineData(4, 20, 0)]   // equal to the limit is allowed
    [InlineData(5, 20, 1)]   // 4 ≤ 20% of 21
    [InlineData(6, 25, 1)]
    [InlineData(5, 25, 0)]
    [InlineData(1, 0, 1)]    // no Good: no Excellent either
    [InlineData(3, 0, 3)]    // 0 ≤ 0.6 only when all three move
    [InlineData(0, 0, 0)]
    [InlineData(0, 7, 0)]
    public void MinimumToMove_TwentyPercent_LeastThatFits(int excellent, int good, int expected)
    {
        Assert.Equal(expected, QuotaCheck.MinimumToMove(excellent, good, 0.2m));
    }

    [Fact]
    public void Check_OutstandingUnit_AllowsTwentyFivePercent()
    {
        QuotaReport normal = QuotaCheck.Check(Ratings("g", excellent: 5, good: 20), Qd366);
        QuotaReport outstanding = QuotaCheck.Check(Ratings("g", excellent: 5, good: 20), Qd366, outstandingUnit: true);

        Assert.False(normal.IsWithin);
        Assert.True(outstanding.IsWithin);
        Assert.Equal(0.25m, outstanding.Groups[0].Share);
        Assert.Equal(5, QuotaCheck.Check(Ratings("g", excellent: 11, good: 20), Qd366, outstandingUnit: true).Groups[0].Guidance!.MoveCount);
    }

    [Fact]
    public void Check_OutstandingUnitWithoutAllowance_KeepsTwentyPercent()
    {
        QuotaReport report = QuotaCheck.Check(Ratings("g", excellent: 5, good: 20), Qd124, outstandingUnit: true);

        Assert.Equal(0.2m, report.Groups[0].Share);
        Assert.False(report.IsWithin);
    }

    [Fact]
    public void Check_GroupsCountedSeparately_OnlyTheBrokenOneGetsGuidance()
    {
        QuotaReport report = QuotaCheck.Check(Ratings("leaders", 2, 5).Concat(Ratings("staff", 2, 10)), Qd366);

        Assert.Equal(["leaders", "staff"], report.Groups.Select(g => g.Group));
        Assert.Equal("leaders", Assert.Single(report.Broken).Group);
        Assert.Equal(1, report.Groups[0].Guidance!.MoveCount);
    }

    [Fact]
    public void Check_CompletedAndNotCompleted_DoNotCount()
    {
        (string, string, RatingLevel)[] ratings =
        [
            .. Ratings("g", 1, 5), ("c1", "g", RatingLevel.Completed), ("n1", "g", RatingLevel.NotCompleted),
        ];

        QuotaGroupResult group = Assert.Single(QuotaCheck.Check(ratings, Qd366).Groups);

        Assert.Equal((1, 5, 1), (group.ExcellentCount, group.GoodCount, group.MaxExcellent));
        Assert.True(group.IsWithin);
    }

    [Fact]
    public void Check_MemberTwice_Throws()
    {
        (string, string, RatingLevel)[] ratings = [("m1", "g", RatingLevel.Good), ("m1", "g", RatingLevel.Excellent)];

        Assert.Throws<ArgumentException>(() => QuotaCheck.Check(ratings, Qd366));
    }

    private static IEnumerable<(string MemberId, string Group, RatingLevel Level)> Ratings(string group, int excellent, int good) =>
        Enumerable.Range(0, excellent).Select(i => ($"{group}-e{i}", group, RatingLevel.Excellent))
            .Concat(Enumerable.Range(0, good).Select(i => ($"{group}-g{i}", group, RatingLevel.Good)));
}
