using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Assessment.Rating;

/// <summary>
/// Whether a member is rated this year under a rule set (đối tượng đánh giá, xếp loại). "Not rated" cases come
/// first: a suspended member on sick leave is still not rated. Probationary members are rated.
/// </summary>
public sealed record RatingEligibility(EligibilityKind Kind, RatingLevel? CapAt, RatingReason? Reason, string? Source)
{
    public static RatingEligibility Rated { get; } = new(EligibilityKind.Rated, null, null, null);

    /// <param name="member">The member as the roster knows them.</param>
    /// <param name="ruleSet">The cycle's rule set.</param>
    /// <param name="ratingDate">The day the rating is made; "admitted less than 6 months" counts back from it.</param>
    public static RatingEligibility For(Member member, RuleSet ruleSet, DateOnly ratingDate)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(ruleSet);

        foreach (NotRatedRule rule in ruleSet.Eligibility.NotRated)
        {
            RatingReason? reason = rule.Condition switch
            {
                NotRatedCondition.Exempt when member.Standing == MemberStanding.Exempt =>
                    new("Exempt", "Được miễn công tác và sinh hoạt đảng.", "Exempt from party work and activities."),
                NotRatedCondition.Suspended when member.Standing == MemberStanding.Suspended =>
                    new("Suspended", "Đang bị đình chỉ sinh hoạt đảng.", "Suspended from party activities."),

                // Exactly N months before the rating date is no longer "less than N months".
                NotRatedCondition.AdmittedRecently when member.AdmittedOn > ratingDate.AddMonths(-rule.Months!.Value) =>
                    new(AdmittedRecentlyCode, $"Kết nạp chưa đủ {rule.Months} tháng.", $"Admitted less than {rule.Months} months before the rating."),
                _ => null,
            };
            if (reason is not null)
            {
                return new RatingEligibility(EligibilityKind.NotRated, null, reason, rule.Source);
            }
        }

        LeaveRule? leave = ruleSet.Eligibility.Leave.FirstOrDefault(r => r.Kind == member.Leave && member.LeaveMonths >= r.MinMonths);
        if (leave is null)
        {
            return Rated;
        }

        RatingReason leaveReason = member.Leave == LeaveKind.Maternity
            ? new("Maternity", "Nghỉ thai sản trong năm.", "On maternity leave in the year.")
            : new("LongSick", $"Nghỉ ốm {member.LeaveMonths} tháng trong năm.", $"On sick leave {member.LeaveMonths} months in the year.");
        return leave.Treatment == LeaveTreatment.Capped
            ? new RatingEligibility(EligibilityKind.Capped, leave.CapAt, leaveReason, leave.Source)
            : new RatingEligibility(EligibilityKind.RatedOnWorkedTime, null, leaveReason, leave.Source);
    }

    /// <summary>
    /// Whether the member writes the self-review this year (thuộc diện kiểm điểm). A member admitted under the
    /// rule set's months is reviewed but not rated; an exempt or suspended member is neither (366, Điều 5.2.1).
    /// </summary>
    public bool Reviewed => Kind != EligibilityKind.NotRated || Reason?.Code == AdmittedRecentlyCode;

    private const string AdmittedRecentlyCode = "AdmittedRecently";

    /// <summary>The level after the cap: a proposal above it comes down to it (Excellent is the highest level).</summary>
    public RatingLevel Apply(RatingLevel level)
    {
        if (Kind == EligibilityKind.NotRated)
        {
            throw new InvalidOperationException($"The member is not rated: {Reason?.MessageEn}");
        }

        return CapAt is { } cap && level < cap ? cap : level;
    }
}
