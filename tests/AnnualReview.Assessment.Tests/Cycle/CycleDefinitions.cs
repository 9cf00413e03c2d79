using AnnualReview.Assessment.Cycle;

namespace AnnualReview.Assessment.Tests.Cycle;

/// <summary>Scenario 1's cycle: the city board's 2026 cycle on QD366-2025.</summary>
internal static class CycleDefinitions
{
    public static CycleDefinition Scenario1 { get; } = new(
        2026,
        "can-tho",
        "QD366-2025",
        new StepDueDates(
            SelfReview: new DateOnly(2026, 12, 10),
            CellMeeting: new DateOnly(2026, 12, 18),
            GrassrootsDecision: new DateOnly(2026, 12, 26),
            CommitteeDecision: new DateOnly(2026, 12, 31),
            BoardReport: new DateOnly(2027, 2, 1)),
        HardStop: new DateOnly(2027, 2, 1));
}
