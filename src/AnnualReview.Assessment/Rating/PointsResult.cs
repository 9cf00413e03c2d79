using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Rating;

/// <summary>The level points and conditions lead to, with the reasons in the order they were decided.</summary>
public sealed record PointsResult(RatingLevel Level, decimal TotalPoints, IReadOnlyList<RatingReason> Reasons);
