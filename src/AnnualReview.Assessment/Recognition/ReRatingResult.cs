using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Recognition;

/// <summary>
/// What a re-rating changes: the rating cancelled, the new level, and the awards to revoke. Awards the new
/// level may earn, and flags of later years, come from running <see cref="RecognitionRules"/> again.
/// </summary>
public sealed record ReRatingResult(CancelledRating Cancelled, RatingLevel NewLevel, IReadOnlyList<Award> ToRevoke);
