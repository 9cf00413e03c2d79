using AnnualReview.Assessment.Cycle;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Assessment.Tests.Cycle;

public class CycleDefinitionValidatorTests
{
    private static readonly CycleDefinition Valid = CycleDefinitions.Scenario1;

    [Fact]
    public void Validate_Scenario1Dates_NoErrors()
    {
        Assert.Empty(CycleDefinitionValidator.Validate(Valid));
    }

    [Fact]
    public void Validate_AllStepsOnTheSameDay_NoErrors()
    {
        var day = new DateOnly(2026, 12, 31);
        CycleDefinition definition = Valid with { DueDates = new StepDueDates(day, day, day, day, day), HardStop = day };

        Assert.Empty(CycleDefinitionValidator.Validate(definition));
    }

    [Fact]
    public void Validate_CellMeetingBeforeSelfReview_DatesOutOfOrder()
    {
        CycleDefinition definition = Valid with { DueDates = Valid.DueDates with { CellMeeting = new DateOnly(2026, 12, 9) } };

        ValidationError error = Assert.Single(CycleDefinitionValidator.Validate(definition));

        Assert.Equal(("DatesOutOfOrder", "dueDates.cellMeeting"), (error.Code, error.Field));
        Assert.Equal("Hạn họp chi bộ (09/12/2026) không được trước hạn tự kiểm điểm (10/12/2026).", error.MessageVi);
    }

    [Fact]
    public void Validate_HardStopBeforeBoardReport_HardStopTooEarly()
    {
        CycleDefinition definition = Valid with { HardStop = new DateOnly(2027, 1, 31) };

        ValidationError error = Assert.Single(CycleDefinitionValidator.Validate(definition));

        Assert.Equal(("HardStopTooEarly", "hardStop"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData("QD999-2030", "UnknownRuleSet")]
    [InlineData("", "UnknownRuleSet")]
    public void Validate_UnknownRuleSet_Refused(string id, string code)
    {
        ValidationError error = Assert.Single(CycleDefinitionValidator.Validate(Valid with { RuleSetId = id }));

        Assert.Equal((code, "ruleSetId"), (error.Code, error.Field));
        Assert.Contains("QD366-2025", error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RuleSetIssuedAfterTheYear_RuleSetNotInForce()
    {
        CycleDefinition definition = Valid with
        {
            Year = 2024,
            DueDates = new StepDueDates(new(2024, 12, 10), new(2024, 12, 18), new(2024, 12, 26), new(2024, 12, 31), new(2025, 2, 1)),
            HardStop = new(2025, 2, 1),
        };

        ValidationError error = Assert.Single(CycleDefinitionValidator.Validate(definition));

        Assert.Equal(("RuleSetNotInForce", "ruleSetId"), (error.Code, error.Field));
        Assert.Empty(CycleDefinitionValidator.Validate(definition with { RuleSetId = "QD124-2023" }));
    }

    [Fact]
    public void Validate_UnknownTimeZone_Refused()
    {
        ValidationError error = Assert.Single(CycleDefinitionValidator.Validate(Valid with { TimeZoneId = "Asia/Hanoi" }));

        Assert.Equal(("UnknownTimeZone", "timeZoneId"), (error.Code, error.Field));
    }

    [Fact]
    public void Validate_NegativeAndRepeatedReminders_Refused()
    {
        CycleDefinition definition = Valid with { ReminderOffsets = [TimeSpan.FromDays(3), TimeSpan.FromDays(-1), TimeSpan.FromDays(3)] };

        IReadOnlyList<ValidationError> errors = CycleDefinitionValidator.Validate(definition);

        Assert.Equal([("NegativeOffset", "reminderOffsets[1]"), ("DuplicateOffset", "reminderOffsets[2]")], errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Validate_LadderNotIncreasing_Refused()
    {
        CycleDefinition definition = Valid with
        {
            EscalationLadder =
            [
                new(TimeSpan.FromDays(2), EscalationTarget.Supervisor, true),
                new(TimeSpan.FromDays(5), EscalationTarget.SuperiorCommittee, false),
                new(TimeSpan.FromDays(5), EscalationTarget.OrganizationBoard, false),
            ],
        };

        ValidationError error = Assert.Single(CycleDefinitionValidator.Validate(definition));

        Assert.Equal(("LadderNotIncreasing", "escalationLadder[2].afterDue"), (error.Code, error.Field));
    }

    [Fact]
    public void Validate_LadderGoingDownOrBeforeDue_Refused()
    {
        CycleDefinition definition = Valid with
        {
            EscalationLadder =
            [
                new(TimeSpan.FromHours(12), EscalationTarget.SuperiorCommittee, false),
                new(TimeSpan.FromDays(2), EscalationTarget.Supervisor, true),
            ],
        };

        IReadOnlyList<ValidationError> errors = CycleDefinitionValidator.Validate(definition);

        Assert.Equal(
            [("EscalationBeforeDue", "escalationLadder[0].afterDue"), ("LadderGoesDown", "escalationLadder[1].target")],
            errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Validate_DateInTheWrongYear_DateOutsideCycle()
    {
        CycleDefinition definition = Valid with { DueDates = Valid.DueDates with { SelfReview = new DateOnly(2062, 12, 10) } };

        IReadOnlyList<ValidationError> errors = CycleDefinitionValidator.Validate(definition);

        Assert.Contains(errors, e => (e.Code, e.Field) == ("DateOutsideCycle", "dueDates.selfReview"));
    }

    [Fact]
    public void Validate_SeveralProblems_ReturnsEveryOneWithBothLanguages()
    {
        CycleDefinition definition = Valid with { Year = 1999, RootUnitId = " ", TimeZoneId = "Nowhere", ReminderOffsets = [TimeSpan.FromDays(-2)] };

        IReadOnlyList<ValidationError> errors = CycleDefinitionValidator.Validate(definition);

        Assert.Superset(
            new HashSet<string> { "year", "rootUnitId", "timeZoneId", "reminderOffsets[0]", "dueDates.selfReview" },
            errors.Select(e => e.Field).ToHashSet());
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.MessageVi) || string.IsNullOrWhiteSpace(e.MessageEn)));
    }

    [Fact]
    public void Validate_OverrideAfterHardStopOrRepeated_Refused()
    {
        CycleDefinition definition = Valid with
        {
            Overrides =
            [
                new("school-1", CycleStep.GrassrootsDecision, new DateOnly(2027, 1, 15)),
                new("school-1", CycleStep.GrassrootsDecision, new DateOnly(2027, 1, 14)),
                new("army-1", CycleStep.GrassrootsDecision, new DateOnly(2027, 2, 2)),
            ],
        };

        IReadOnlyList<ValidationError> errors = CycleDefinitionValidator.Validate(definition);

        Assert.Equal([("DuplicateOverride", "overrides[1]"), ("AfterHardStop", "overrides[2].due")], errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Validate_OverrideOfTheBoardReport_Refused()
    {
        CycleDefinition definition = Valid with { Overrides = [new("school-1", CycleStep.BoardReport, new DateOnly(2027, 1, 20))] };

        ValidationError error = Assert.Single(CycleDefinitionValidator.Validate(definition));

        Assert.Equal(("NotPerUnit", "overrides[0].step"), (error.Code, error.Field));
    }

    [Fact]
    public void DueDateFor_UnitWithOverride_UsesIt()
    {
        CycleDefinition definition = Valid with { Overrides = [new("school-1", CycleStep.GrassrootsDecision, new DateOnly(2027, 1, 15))] };

        Assert.Equal(new DateOnly(2027, 1, 15), definition.DueDateFor(CycleStep.GrassrootsDecision, "school-1"));
        Assert.Equal(new DateOnly(2026, 12, 26), definition.DueDateFor(CycleStep.GrassrootsDecision, "other"));
        Assert.Equal(new DateOnly(2026, 12, 26), definition.DueDateFor(CycleStep.GrassrootsDecision));
    }
}
