namespace AnnualReview.Assessment.Rating;

/// <summary>Why a level came out as it did, for the member and the deciding committee to read.</summary>
public sealed record RatingReason(string Code, string MessageVi, string MessageEn);
