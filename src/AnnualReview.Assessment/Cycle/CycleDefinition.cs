namespace AnnualReview.Assessment.Cycle;

/// <summary>
/// What an organization board sets when it starts the year's cycle (kế hoạch kiểm điểm, đánh giá, xếp loại):
/// whose subtree, which rule set (pinned for the whole cycle), every due date, how reminders and escalations
/// run, and the hard stop after which open steps close as "not submitted". Check it with
/// <see cref="CycleDefinitionValidator"/> before starting.
/// </summary>
public sealed record CycleDefinition(
    int Year,
    string RootUnitId,
    string RuleSetId,
    StepDueDates DueDates,
    DateOnly HardStop)
{
    public const string DefaultTimeZoneId = "Asia/Ho_Chi_Minh";

    /// <summary>IANA (or Windows) id of the zone every date is read in.</summary>
    public string TimeZoneId { get; init; } = DefaultTimeZoneId;

    /// <summary>Local time of day reminders and escalations go out: working hours, not midnight.</summary>
    public TimeOnly NoticeTime { get; init; } = new(8, 0);

    /// <summary>Remind this long before the due date (counted from the notice time on the due date); 0 is the day itself.</summary>
    public IReadOnlyList<TimeSpan> ReminderOffsets { get; init; } = [TimeSpan.FromDays(3), TimeSpan.FromDays(1), TimeSpan.Zero];

    /// <summary>Escalate this long after the due date, up the tree, each rung later than the one before.</summary>
    public IReadOnlyList<EscalationRung> EscalationLadder { get; init; } =
    [
        new(TimeSpan.FromDays(2), EscalationTarget.Supervisor, HandsOver: true),
        new(TimeSpan.FromDays(5), EscalationTarget.SuperiorCommittee, HandsOver: false),
        new(TimeSpan.FromDays(10), EscalationTarget.OrganizationBoard, HandsOver: false),
    ];

    public IReadOnlyList<DueDateOverride> Overrides { get; init; } = [];

    /// <summary>
    /// The day "admitted less than 6 months" counts back from (ngày làm mốc tính thời gian kết nạp); null takes the
    /// rule set's date in the cycle's year.
    /// </summary>
    public DateOnly? AdmissionReferenceDate { get; init; }

    /// <summary>The due date of a step for a unit: its override when it has one, else the cycle's date.</summary>
    public DateOnly DueDateFor(CycleStep step, string? unitId = null) =>
        Overrides.FirstOrDefault(o => o.Step == step && unitId is not null && o.UnitId == unitId)?.Due ?? DueDates.For(step);
}
