using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rating;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Assessment.Tests.Rating;

public class RatingEligibilityTests
{
    private static readonly RuleSet Qd366 = RuleSetLoader.Load("QD366-2025");
    private static readonly RuleSet Qd124 = RuleSetLoader.Load("QD124-2023");
    private static readonly DateOnly RatingDate = new(2026, 12, 18);
    private static readonly Member Member = new("m1", "A", "c1", MembershipKind.Full, new DateOnly(2015, 3, 2));

    [Theory]
    [InlineData(MemberStanding.Exempt, "Exempt")]
    [InlineData(MemberStanding.Suspended, "Suspended")]
    public void For_ExemptOrSuspended_NotRated(MemberStanding standing, string reason)
    {
        RatingEligibility eligibility = RatingEligibility.For(Member with { Standing = standing }, Qd366, RatingDate);

        Assert.Equal(EligibilityKind.NotRated, eligibility.Kind);
        Assert.Equal(reason, eligibility.Reason!.Code);
        Assert.Contains("Điều 5.2.1", eligibility.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MemberStanding.Exempt)]
    [InlineData(MemberStanding.Suspended)]
    public void Reviewed_ExemptOrSuspended_IsNeitherReviewedNorRated(MemberStanding standing)
    {
        RatingEligibility eligibility = RatingEligibility.For(Member with { Standing = standing }, Qd366, RatingDate);

        Assert.False(eligibility.Reviewed);
    }

    [Fact]
    public void Reviewed_AdmittedUnderSixMonths_IsReviewedButNotRated()
    {
        Member member = Member with { Membership = MembershipKind.Probationary, AdmittedOn = new DateOnly(2026, 9, 1) };

        RatingEligibility eligibility = RatingEligibility.For(member, Qd366, RatingDate);

        Assert.Equal((EligibilityKind.NotRated, true), (eligibility.Kind, eligibility.Reviewed));
        Assert.True(RatingEligibility.For(Member, Qd366, RatingDate).Reviewed);
    }

    [Fact]
    public void AdmissionReference_ShippedRuleSets_StateTheYearsEndWithASource()
    {
        foreach (RuleSet rules in new[] { Qd366, Qd124 })
        {
            Sourced<AnnualDate> reference = rules.Eligibility.AdmissionReference;
            Assert.Equal(new DateOnly(2025, 12, 31), reference.Value.In(2025));
            Assert.Contains("6 tháng", reference.Source, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AdmissionReference_EarlierReferenceDate_MakesAJuneMemberNotRated()
    {
        Member member = Member with { Membership = MembershipKind.Probationary, AdmittedOn = new DateOnly(2026, 6, 10) };

        // Six months before 31 December he is rated; counted from a meeting on 1 December he is not yet.
        Assert.Equal(EligibilityKind.Rated, RatingEligibility.For(member, Qd366, new DateOnly(2026, 12, 31)).Kind);
        Assert.Equal(EligibilityKind.NotRated, RatingEligibility.For(member, Qd366, new DateOnly(2026, 12, 1)).Kind);
    }

    [Fact]
    public void For_AdmittedExactlySixMonthsBefore_Rated()
    {
        Member member = Member with { Membership = MembershipKind.Probationary, AdmittedOn = new DateOnly(2026, 6, 18) };

        Assert.Equal(EligibilityKind.Rated, RatingEligibility.For(member, Qd366, RatingDate).Kind);
    }

    [Fact]
    public void For_AdmittedOneDayShortOfSixMonths_NotRated()
    {
        Member member = Member with { Membership = MembershipKind.Probationary, AdmittedOn = new DateOnly(2026, 6, 19) };

        RatingEligibility eligibility = RatingEligibility.For(member, Qd366, RatingDate);

        Assert.Equal(EligibilityKind.NotRated, eligibility.Kind);
        Assert.Equal("AdmittedRecently", eligibility.Reason!.Code);
    }

    [Theory]
    [InlineData(3, EligibilityKind.RatedOnWorkedTime)]
    [InlineData(2, EligibilityKind.Rated)]
    public void For_QD366SickLeave_RatedOnWorkedTimeFromThreeMonths(int months, EligibilityKind expected)
    {
        Member member = Member with { Leave = LeaveKind.LongSick, LeaveMonths = months };

        Assert.Equal(expected, RatingEligibility.For(member, Qd366, RatingDate).Kind);
    }

    [Fact]
    public void For_QD366Maternity_RatedOnWorkedTime()
    {
        Member member = Member with { Leave = LeaveKind.Maternity, LeaveMonths = 6 };

        RatingEligibility eligibility = RatingEligibility.For(member, Qd366, RatingDate);

        Assert.Equal(EligibilityKind.RatedOnWorkedTime, eligibility.Kind);
        Assert.Equal(RatingLevel.Excellent, eligibility.Apply(RatingLevel.Excellent));
    }

    [Fact]
    public void For_QD124SickThreeMonths_CappedAtCompleted()
    {
        Member member = Member with { Leave = LeaveKind.LongSick, LeaveMonths = 3 };

        RatingEligibility eligibility = RatingEligibility.For(member, Qd124, RatingDate);

        Assert.Equal((EligibilityKind.Capped, RatingLevel.Completed), (eligibility.Kind, eligibility.CapAt));
        Assert.Equal(RatingLevel.Completed, eligibility.Apply(RatingLevel.Excellent));
        Assert.Equal(RatingLevel.Completed, eligibility.Apply(RatingLevel.Good));
        Assert.Equal(RatingLevel.NotCompleted, eligibility.Apply(RatingLevel.NotCompleted));
    }

    [Fact]
    public void For_QD124SickTwoMonths_RatedAsUsual()
    {
        Member member = Member with { Leave = LeaveKind.LongSick, LeaveMonths = 2 };

        Assert.Same(RatingEligibility.Rated, RatingEligibility.For(member, Qd124, RatingDate));
    }

    [Fact]
    public void For_SuspendedAndOnSickLeave_NotRatedComesFirst()
    {
        Member member = Member with { Standing = MemberStanding.Suspended, Leave = LeaveKind.LongSick, LeaveMonths = 5 };

        RatingEligibility eligibility = RatingEligibility.For(member, Qd124, RatingDate);

        Assert.Equal(EligibilityKind.NotRated, eligibility.Kind);
        Assert.Throws<InvalidOperationException>(() => eligibility.Apply(RatingLevel.Good));
    }
}
