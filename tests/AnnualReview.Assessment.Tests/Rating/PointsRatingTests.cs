using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rating;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Assessment.Tests.Rating;

public class PointsRatingTests
{
    private static readonly RuleSet Rules = RuleSetLoader.Load("QD366-2025");

    [Theory]
    [InlineData(30, 60, RatingLevel.Excellent)]     // exactly 90
    [InlineData(29.99, 60, RatingLevel.Good)]       // 89.99
    [InlineData(20, 50, RatingLevel.Good)]          // exactly 70
    [InlineData(19.5, 50, RatingLevel.Completed)]   // 69.5
    [InlineData(10, 40, RatingLevel.Completed)]     // exactly 50
    [InlineData(10, 39.9, RatingLevel.NotCompleted)] // 49.9
    public void Evaluate_PointsAtBandEdges_WithEveryConditionMet(double general, double tasks, RatingLevel expected)
    {
        PointsResult result = PointsRating.Evaluate(Assessment(general, tasks), Rules);

        Assert.Equal(expected, result.Level);
        Assert.Equal((decimal)general + (decimal)tasks, result.TotalPoints);
    }

    [Fact]
    public void Evaluate_ExcellentPointsTooFewTasksExceeding_GoodWithReason()
    {
        PointsResult result = PointsRating.Evaluate(Assessment(30, 65) with { TasksExceedingShare = 0.29m }, Rules);

        Assert.Equal(RatingLevel.Good, result.Level);
        RatingReason unmet = Assert.Single(result.Reasons, r => r.Code.StartsWith("Unmet", StringComparison.Ordinal));
        Assert.Equal("Unmet:Excellent:TasksExceedingShare", unmet.Code);
        Assert.Equal("Excellent needs tasks exceeding requirements ≥ 30%; was 29%.", unmet.MessageEn);
        Assert.Equal("Band:Good", result.Reasons[^1].Code);
    }

    [Fact]
    public void Evaluate_ExcellentPointsShortcomingsNotAllFixed_Good()
    {
        PointsResult result = PointsRating.Evaluate(Assessment(30, 65) with { ShortcomingsFixedShare = 0.9m }, Rules);

        Assert.Equal(RatingLevel.Good, result.Level);
    }

    [Theory]
    [InlineData(0.8, RatingLevel.Completed)]     // 20% behind schedule is still allowed for Completed
    [InlineData(0.79, RatingLevel.NotCompleted)] // 21% behind meets no band
    public void Evaluate_GoodPointsSomeTasksLate_DropsByLateness(double onTime, RatingLevel expected)
    {
        PointsResult result = PointsRating.Evaluate(Assessment(28, 60) with { TasksOnTimeShare = (decimal)onTime }, Rules);

        Assert.Equal(expected, result.Level);
    }

    [Fact]
    public void Evaluate_NotCompletedFinding_WinsOverPoints()
    {
        PointsAssessment assessment = Assessment(30, 70) with { NotCompletedFindings = ["DisciplinedReprimandOrMore"] };

        PointsResult result = PointsRating.Evaluate(assessment, Rules);

        Assert.Equal(RatingLevel.NotCompleted, result.Level);
        Assert.Equal("Trigger:DisciplinedReprimandOrMore", Assert.Single(result.Reasons).Code);
    }

    [Fact]
    public void Evaluate_UnknownFinding_Throws()
    {
        PointsAssessment assessment = Assessment(30, 70) with { NotCompletedFindings = ["Lazy"] };

        Assert.Throws<ArgumentException>(() => PointsRating.Evaluate(assessment, Rules));
    }

    [Fact]
    public void Evaluate_PointsAboveGroupMaximum_Throws()
    {
        Assert.Throws<ArgumentException>(() => PointsRating.Evaluate(Assessment(31, 60), Rules));
    }

    [Fact]
    public void Evaluate_MissingGroup_Throws()
    {
        var assessment = new PointsAssessment(new Dictionary<string, decimal> { ["general"] = 30 }, 1, 1, 1);

        Assert.Throws<ArgumentException>(() => PointsRating.Evaluate(assessment, Rules));
    }

    [Fact]
    public void Evaluate_GradedRuleSet_Throws()
    {
        Assert.Throws<ArgumentException>(() => PointsRating.Evaluate(Assessment(30, 60), RuleSetLoader.Load("QD124-2023")));
    }

    private static PointsAssessment Assessment(double general, double tasks) => new(
        new Dictionary<string, decimal> { ["general"] = (decimal)general, ["taskResults"] = (decimal)tasks },
        TasksOnTimeShare: 1m,
        TasksExceedingShare: 0.3m,
        ShortcomingsFixedShare: 1m);
}
