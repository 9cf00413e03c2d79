using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Assessment.Rating;

/// <summary>
/// The Excellent quota (Hoàn thành xuất sắc không vượt quá 20% số Hoàn thành tốt): Excellent ≤ share × Good
/// per group, equal allowed. Other levels do not count on either side.
/// </summary>
public static class QuotaCheck
{
    public static QuotaReport Check(
        IEnumerable<(string MemberId, string Group, RatingLevel Level)> ratings,
        RuleSet ruleSet,
        bool outstandingUnit = false)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(ruleSet);

        decimal share = ruleSet.Quota.ShareFor(outstandingUnit);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var groups = new SortedDictionary<string, List<(string MemberId, RatingLevel Level)>>(StringComparer.Ordinal);
        foreach ((string memberId, string group, RatingLevel level) in ratings)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(memberId);
            ArgumentException.ThrowIfNullOrWhiteSpace(group);
            if (!seen.Add(memberId))
            {
                throw new ArgumentException($"Member {memberId} is rated twice.", nameof(ratings));
            }

            if (!groups.TryGetValue(group, out List<(string, RatingLevel)>? members))
            {
                groups[group] = members = [];
            }

            members.Add((memberId, level));
        }

        return new QuotaReport(groups.Select(g => CheckGroup(g.Key, g.Value, share)).ToList());
    }

    /// <summary>
    /// The least k with (E − k) ≤ share × (G + k): each member moved leaves Excellent and joins Good, so the
    /// limit rises as the count falls. Zero when the group already holds.
    /// </summary>
    public static int MinimumToMove(int excellent, int good, decimal share)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(excellent);
        ArgumentOutOfRangeException.ThrowIfNegative(good);
        int k = 0;
        while (excellent - k > share * (good + k))
        {
            k++;
        }

        return k;
    }

    private static QuotaGroupResult CheckGroup(string group, List<(string MemberId, RatingLevel Level)> members, decimal share)
    {
        List<string> excellent = members.Where(m => m.Level == RatingLevel.Excellent).Select(m => m.MemberId).ToList();
        int good = members.Count(m => m.Level == RatingLevel.Good);
        int max = (int)decimal.Floor(share * good);
        int move = MinimumToMove(excellent.Count, good, share);

        QuotaGuidance? guidance = move == 0 ? null : new QuotaGuidance(
            move,
            excellent.Count,
            excellent,
            $"Chuyển {move} trong {excellent.Count} đảng viên Hoàn thành xuất sắc sang Hoàn thành tốt",
            $"Move {move} of the {excellent.Count} Excellent to Good");
        return new QuotaGroupResult(group, excellent.Count, good, share, max, guidance);
    }
}
