using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Rules;

/// <summary>The points and extra conditions a level needs (khung điểm và điều kiện của từng mức).</summary>
public sealed record LevelBand(RatingLevel Level, Sourced<decimal> MinPoints, IReadOnlyList<BandRequirement> Requirements);
