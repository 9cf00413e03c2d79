using AnnualReview.Assessment.Cycle;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Deadlines;

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

    private static (int SelfReview, int Meeting) Days(CyclePlans plans)
        => (TimeZoneInfo.ConvertTimeFromUtc(plans.SelfReview.Due, Zone).AddTicks(-1).Day, TimeZoneInfo.ConvertTimeFromUtc(plans.CellMeeting.Due, Zone).AddTicks(-1).Day);

    private static DateTime End(int year, int month, int day) => DeadlinePlan.EndOfDay(new DateOnly(year, month, day), Zone).UtcDateTime;
}
