using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rating;
using AnnualReview.Assessment.Rules;
using AnnualReview.Assessment.Shortcomings;

namespace AnnualReview.Assessment.Tests.Shortcomings;

/// <summary>The share read back from section A.III decides whether 95 points can be Excellent under QĐ 366.</summary>
public class FixedShareRatingTests
{
    private static readonly RuleSet Rules = RuleSetLoader.Load("QD366-2025");

    [Theory]
    [InlineData("[Đã khắc phục] A — x\n[Đã khắc phục] B", RatingLevel.Excellent)]
    [InlineData("[Đã khắc phục] A — x\n[Khắc phục một phần] B", RatingLevel.Good)]
    [InlineData(RemedySection.NothingCarriedVi, RatingLevel.Excellent)]
    public void Evaluate_ShareFromRemedySection(string a3, RatingLevel expected)
    {
        decimal weight = Rules.Scoring.Points!.PartlyFixedWeight.Value;
        decimal share = FixedShare.Of(RemedySection.Parse(a3), weight);

        PointsResult result = PointsRating.Evaluate(new PointsAssessment(
            new Dictionary<string, decimal> { ["general"] = 30m, ["taskResults"] = 65m }, 1m, 0.4m, share), Rules);

        Assert.Equal(expected, result.Level);
    }

    [Fact]
    public void PartlyFixedWeight_ShippedAsUnconfirmedHalf()
    {
        Sourced<decimal> weight = Rules.Scoring.Points!.PartlyFixedWeight;

        Assert.Equal((0.5m, false), (weight.Value, weight.Confirmed));
    }
}
