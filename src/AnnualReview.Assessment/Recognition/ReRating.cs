using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Recognition;

/// <summary>
/// Re-rating after the fact (xếp loại lại; QĐ 366 Điều 15.3, 25-HD 4.5): a fault found later, a level that
/// broke the rules, or dishonesty. Every award resting on that year being Excellent falls when the new
/// level is not Excellent: the year's certificate and any multi-year award whose window includes it.
/// </summary>
public static class ReRating
{
    public static ReRatingResult Apply(
        string memberId,
        int year,
        RatingLevel oldLevel,
        RatingLevel newLevel,
        string reason,
        IEnumerable<Award> awardsGranted)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(memberId);
        ArgumentNullException.ThrowIfNull(awardsGranted);

        // The decision (Mẫu 03) must say why; a silent change would defeat the audit history.
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);

        IReadOnlyList<Award> revoke = newLevel == RatingLevel.Excellent
            ? []
            : awardsGranted.Where(a => a.MemberId == memberId && a.Covers(year)).ToList();
        return new ReRatingResult(new CancelledRating(memberId, year, oldLevel, reason), newLevel, revoke);
    }
}
