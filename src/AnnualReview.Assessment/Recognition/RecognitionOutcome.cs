using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Recognition;

/// <summary>What a member's final level of a year leads to.</summary>
public sealed record RecognitionOutcome(
    string MemberId,
    int Year,
    RatingLevel Level,
    IReadOnlyList<Award> Awards,
    IReadOnlyList<RecognitionFlag> Flags,
    FollowUpPlan? FollowUp);
