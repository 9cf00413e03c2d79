using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Recognition;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Assessment.Tests.Recognition;

public class RecognitionRulesTests
{
    private static readonly RecognitionRuleSet Rules = RuleSetLoader.Load("QD366-2025").Recognition;

    [Fact]
    public void Evaluate_Excellent_YearCertificate()
    {
        RecognitionOutcome outcome = RecognitionRules.Evaluate("m1", 2026, RatingLevel.Excellent, History(), Rules);

        Award award = Assert.Single(outcome.Awards);
        Assert.Equal((AwardKind.YearCertificate, 2026, 2026), (award.Kind, award.Year, award.FirstYear));
        Assert.Contains("Giấy khen", award.NameVi, StringComparison.Ordinal);
        Assert.Empty(outcome.Flags);
        Assert.Null(outcome.FollowUp);
    }

    [Fact]
    public void Evaluate_FifthConsecutiveExcellent_FiveYearAwardOverTheWindow()
    {
        RecognitionOutcome outcome = RecognitionRules.Evaluate("m1", 2026, RatingLevel.Excellent, History(Excellent(2022, 2025)), Rules);

        Award five = Assert.Single(outcome.Awards, a => a.Kind == AwardKind.FiveConsecutiveExcellent);
        Assert.Equal((2022, 2026), (five.FirstYear, five.Year));
        Assert.Equal(2, outcome.Awards.Count);
    }

    [Theory]
    [InlineData(2023, false)] // fourth consecutive year
    [InlineData(2021, false)] // sixth: the window of five was awarded last year
    [InlineData(2017, true)]  // tenth
    public void Evaluate_RunOfExcellentYears_AwardsEveryFullFive(int firstYear, bool expected)
    {
        RecognitionOutcome outcome = RecognitionRules.Evaluate("m1", 2026, RatingLevel.Excellent, History(Excellent(firstYear, 2025)), Rules);

        Assert.Equal(expected, outcome.Awards.Any(a => a.Kind == AwardKind.FiveConsecutiveExcellent));
    }

    [Fact]
    public void Evaluate_GapInTheRun_NoFiveYearAward()
    {
        Dictionary<int, RatingLevel> history = History(Excellent(2022, 2025));
        history[2024] = RatingLevel.Good;

        RecognitionOutcome outcome = RecognitionRules.Evaluate("m1", 2026, RatingLevel.Excellent, history, Rules);

        Assert.DoesNotContain(outcome.Awards, a => a.Kind == AwardKind.FiveConsecutiveExcellent);
    }

    [Fact]
    public void Evaluate_Good_NothingFollows()
    {
        RecognitionOutcome outcome = RecognitionRules.Evaluate("m1", 2026, RatingLevel.Good, History(Excellent(2021, 2025)), Rules);

        Assert.Empty(outcome.Awards);
        Assert.Empty(outcome.Flags);
        Assert.Null(outcome.FollowUp);
    }

    [Fact]
    public void Evaluate_FirstNotCompleted_FollowUpWithoutRemoval()
    {
        RecognitionOutcome outcome = RecognitionRules.Evaluate("m1", 2026, RatingLevel.NotCompleted, History((2025, RatingLevel.Completed)), Rules);

        Assert.Empty(outcome.Flags);
        FollowUpPlan plan = outcome.FollowUp!;
        Assert.False(plan.ConsiderRemoval);
        Assert.Contains("giáo dục, giúp đỡ", plan.ActionVi, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SecondConsecutiveNotCompleted_FlagsAndConsidersRemoval()
    {
        RecognitionOutcome outcome = RecognitionRules.Evaluate("m1", 2026, RatingLevel.NotCompleted, History((2025, RatingLevel.NotCompleted)), Rules);

        RecognitionFlag flag = Assert.Single(outcome.Flags);
        Assert.Equal((FlagKind.TwoConsecutiveNotCompleted, 2025, 2026), (flag.Kind, flag.FirstYear, flag.Year));
        Assert.True(outcome.FollowUp!.ConsiderRemoval);
    }

    [Fact]
    public void Evaluate_FlagSwitchedOff_FollowUpOnly()
    {
        RecognitionRuleSet rules = Rules with { ConsecutiveNotCompleted = Rules.ConsecutiveNotCompleted with { Enabled = false } };

        RecognitionOutcome outcome = RecognitionRules.Evaluate("m1", 2026, RatingLevel.NotCompleted, History((2025, RatingLevel.NotCompleted)), rules);

        Assert.Empty(outcome.Flags);
        Assert.False(outcome.FollowUp!.ConsiderRemoval);
    }

    private static (int, RatingLevel)[] Excellent(int from, int to) =>
        Enumerable.Range(from, to - from + 1).Select(y => (y, RatingLevel.Excellent)).ToArray();

    private static Dictionary<int, RatingLevel> History(params (int Year, RatingLevel Level)[] years) =>
        years.ToDictionary(y => y.Year, y => y.Level);
}
