using AnnualReview.Assessment.Cycle;
using AnnualReview.Assessment.Model;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Deadlines;
using AnnualReview.Workflows.Rules;

namespace AnnualReview.Workflows.Tests.Commands;

public sealed class CycleStarterTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(CycleDefinition.DefaultTimeZoneId);

    [Fact]
    public void InputFor_UnitDates_ReachTheUnitAndEveryUnitBelowIt_StepByStep()
    {
        CycleDefinition definition = ReviewRoster.Definition() with
        {
            Overrides =
            [
                new("q1", CycleStep.SelfReview, new DateOnly(2025, 12, 12)),
                new("q1-g1-c1", CycleStep.CellMeeting, new DateOnly(2025, 12, 20)),
            ],
        };

        CycleInput input = CycleStarter.InputFor(definition, "c");
        CycleInput committee = input.For("hcm").For("q1");
        CycleInput cell = committee.For("q1-g1").For("q1-g1-c1");
        CycleInput elsewhere = input.For("hcm").For("q2").For("q2-g1").For("q2-g1-c1");

        Assert.Equal((12, 18), Days(committee.Plans));
        Assert.Equal((12, 20), Days(cell.Plans));
        Assert.Equal((10, 18), Days(elsewhere.Plans));
        Assert.Equal(cell.Plans, input.ForChain(["q1-g1-c1", "q1-g1", "q1", "hcm"]).Plans);
        Assert.Same(input, input.For("q2"));
    }

    [Fact]
    public void PlanFor_UnitDatePastTheCyclesNextStep_ClosesAtTheHardStop_NotBeforeItsOwnDate()
    {
        // Schools rate on the school year: this one decides on 15 January, after the committees' 31 December.
        CycleDefinition definition = ReviewRoster.Definition() with { Overrides = [new("school", CycleStep.GrassrootsDecision, new DateOnly(2026, 1, 15))] };

        StepPlan school = CycleStarter.PlanFor(definition, CycleStep.GrassrootsDecision, "school");
        StepPlan everyone = CycleStarter.PlanFor(definition, CycleStep.GrassrootsDecision);

        Assert.Equal(End(2026, 2, 1), school.HardStop);
        Assert.Contains(school.Moments, m => m.Kind == MomentKind.Due && m.At == End(2026, 1, 15));
        Assert.Equal(End(2025, 12, 31), everyone.HardStop);
    }

    [Fact]
    public void InputFor_AdmissionReferenceDate_IsPinned_AndDecidesWhoIsRatedButStillReviewed()
    {
        CycleDefinition definition = ReviewRoster.Definition();
        var june = new Member("m", "A", "c", MembershipKind.Probationary, new DateOnly(2025, 6, 20));

        CycleInput yearEnd = CycleStarter.InputFor(definition, "c");
        CycleInput early = CycleStarter.InputFor(definition with { AdmissionReferenceDate = new DateOnly(2025, 12, 10) }, "c");
        CycleRules rules = CycleRules.For(definition.RuleSetId);

        Assert.Equal(new DateOnly(2025, 12, 31), yearEnd.AdmissionReferenceDate);
        Assert.Equal(new DateOnly(2025, 12, 10), early.AdmissionReferenceDate);
        Assert.True(rules.EligibilityOf(june, yearEnd).Rated);
        Eligibility underSixMonths = rules.EligibilityOf(june, early);
        Assert.Equal((false, true, true), (underSixMonths.Rated, underSixMonths.ReviewedOnly, underSixMonths.Reviewed));
        Assert.False(rules.EligibilityOf(june with { Standing = MemberStanding.Suspended }, early).Reviewed);

        // A cycle started before the setting existed has no date in its input: the rule set's year end counts.
        Assert.True(rules.EligibilityOf(june, yearEnd with { AdmissionReferenceDate = null }).Rated);
    }

    private static (int SelfReview, int Meeting) Days(CyclePlans plans)
        => (TimeZoneInfo.ConvertTimeFromUtc(plans.SelfReview.Due, Zone).AddTicks(-1).Day, TimeZoneInfo.ConvertTimeFromUtc(plans.CellMeeting.Due, Zone).AddTicks(-1).Day);

    private static DateTime End(int year, int month, int day) => DeadlinePlan.EndOfDay(new DateOnly(year, month, day), Zone).UtcDateTime;
}
