using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rating;
using AnnualReview.Assessment.Rules;
using AnnualReview.Assessment.Tests.Rules;

namespace AnnualReview.Assessment.Tests.Rating;

public class ProposedLevelTests
{
    private static readonly RuleSet Rules = RuleSetLoader.Load("QD366-2025");

    [Theory]
    [InlineData(9, 6, 0, 0, RatingLevel.Excellent)]   // 6/9 is exactly 2/3: "at least" holds
    [InlineData(9, 5, 0, 0, RatingLevel.Good)]        // 5/9 < 2/3, but 5 > 4.5 for Good or better
    [InlineData(10, 7, 0, 0, RatingLevel.Excellent)]  // 2/3 of 10 is 6.67
    [InlineData(10, 6, 0, 0, RatingLevel.Good)]
    [InlineData(10, 3, 3, 0, RatingLevel.Good)]       // 6 for Good or better > 5
    [InlineData(10, 3, 2, 1, RatingLevel.Completed)]  // exactly 5 is not more than half
    [InlineData(10, 2, 2, 1, RatingLevel.NotCompleted)]
    [InlineData(10, 0, 0, 6, RatingLevel.Completed)]
    public void From_VotesAtAndAroundThresholds_ProposesLevel(int convened, int excellent, int good, int completed, RatingLevel expected)
    {
        var meeting = new CellMeeting("c1", new DateOnly(2026, 12, 18), convened, convened, []);
        var tally = new VoteTally("m1", excellent, good, completed, 0);

        Assert.Equal(expected, ProposedLevel.From(tally, meeting, Rules));
    }

    [Fact]
    public void From_AbsentFullMembers_CountAgainstBecauseTheBasisIsConvened()
    {
        var meeting = new CellMeeting("c1", new DateOnly(2026, 12, 18), 12, 8, []);

        // 7 of the 8 present is 87%, but 7 of the 12 convened is below 2/3.
        Assert.Equal(RatingLevel.Good, ProposedLevel.From(new VoteTally("m1", 7, 1, 0, 0), meeting, Rules));
        Assert.Equal(RatingLevel.Excellent, ProposedLevel.From(new VoteTally("m1", 8, 0, 0, 0), meeting, Rules));
    }

    [Fact]
    public void From_RuleSetCountingPresentMembers_UsesPresent()
    {
        RuleSet present = RuleSetLoader.Parse(RuleSetJson.With("QD366-2025", r => r["votes"]!["basis"]!["value"] = "fullMembersPresent"));
        var meeting = new CellMeeting("c1", new DateOnly(2026, 12, 18), 12, 8, []);

        Assert.Equal(RatingLevel.Excellent, ProposedLevel.From(new VoteTally("m1", 6, 2, 0, 0), meeting, present));
    }

    [Fact]
    public void From_ShippedRuleSets_StateTheCumulativeReadingWithASentence()
    {
        foreach (string id in new[] { "QD366-2025", "QD124-2023" })
        {
            VoteReading reading = RuleSetLoader.Load(id).Votes.Reading;
            Assert.True(reading.Cumulative, id);
            Assert.Contains("mức thấp hơn", reading.SentenceVi, StringComparison.Ordinal);
            Assert.Contains("lower level", reading.SentenceEn, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void From_RuleSetNotCumulative_CountsEachLevelOnItsOwn()
    {
        RuleSet separate = RuleSetLoader.Parse(RuleSetJson.With("QD366-2025", r => r["votes"]!["reading"]!["cumulative"] = false));
        var meeting = new CellMeeting("c1", new DateOnly(2026, 12, 18), 10, 10, []);
        var tally = new VoteTally("m1", 3, 3, 0, 0);

        // Read cumulatively 6 of 10 back Good or better; on their own the 3 Good votes are not more than half.
        Assert.Equal(RatingLevel.Good, ProposedLevel.From(tally, meeting, Rules));
        Assert.Equal(RatingLevel.NotCompleted, ProposedLevel.From(tally, meeting, separate));
    }

    [Fact]
    public void From_NoVoters_Throws()
    {
        var meeting = new CellMeeting("c1", new DateOnly(2026, 12, 18), 0, 0, []);

        Assert.Throws<ArgumentOutOfRangeException>(() => ProposedLevel.From(new VoteTally("m1", 0, 0, 0, 0), meeting, Rules));
    }

    [Theory]
    [InlineData(28, 64, RatingLevel.Excellent)] // 92 and every condition of Excellent
    [InlineData(25, 60, RatingLevel.Good)]      // 85
    [InlineData(20, 35, RatingLevel.Completed)] // 55
    [InlineData(10, 30, RatingLevel.NotCompleted)]
    public void From_PointsTally_ProposesTheLevelOfItsBand_WhateverTheTurnout(decimal general, decimal tasks, RatingLevel expected)
    {
        // Two of nine present: a vote this thin would propose nothing above Not completed.
        var meeting = new CellMeeting("c1", new DateOnly(2026, 12, 18), 9, 2, []);
        var tally = new VoteTally("m1", 0, 0, 0, 0)
        {
            Points = new PointsAssessment(new Dictionary<string, decimal> { ["general"] = general, ["taskResults"] = tasks }, 1m, 0.3m, 1m),
        };

        Assert.Equal(expected, ProposedLevel.From(tally, meeting, Rules));
    }
}

