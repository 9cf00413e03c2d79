using AnnualReview.Assessment.Cycle;

namespace AnnualReview.Assessment.Tests.Cycle;

public class DeadlinePlanTests
{
    private static readonly CycleDefinition Definition = CycleDefinitions.Scenario1;

    [Fact]
    public void For_Scenario3CellMeeting_RemindsThenEscalatesInHoChiMinhTime()
    {
        IReadOnlyList<DeadlineMoment> plan = DeadlinePlan.For(Definition.DueDates.CellMeeting, Definition);

        // 08:00 in Hồ Chí Minh City (UTC+7) is 01:00 UTC; the end of 18 December is 17:00 UTC that day.
        Assert.Equal(
        [
            (DeadlineMomentKind.Reminder, Utc(2026, 12, 15, 1)),
            (DeadlineMomentKind.Reminder, Utc(2026, 12, 17, 1)),
            (DeadlineMomentKind.Reminder, Utc(2026, 12, 18, 1)),
            (DeadlineMomentKind.Due, Utc(2026, 12, 18, 17)),
            (DeadlineMomentKind.Escalation, Utc(2026, 12, 20, 1)),
            (DeadlineMomentKind.Escalation, Utc(2026, 12, 23, 1)),
            (DeadlineMomentKind.Escalation, Utc(2026, 12, 28, 1)),
            (DeadlineMomentKind.HardStop, Utc(2027, 2, 1, 17)),
        ],
        plan.Select(m => (m.Kind, m.At)));
    }

    [Fact]
    public void For_Scenario3CellMeeting_EscalationsNameTheLadder()
    {
        DeadlineMoment[] escalations = DeadlinePlan.For(Definition.DueDates.CellMeeting, Definition)
            .Where(m => m.Kind == DeadlineMomentKind.Escalation).ToArray();

        Assert.Equal(
        [
            (1, EscalationTarget.Supervisor, true, TimeSpan.FromDays(2)),
            (2, EscalationTarget.SuperiorCommittee, false, TimeSpan.FromDays(5)),
            (3, EscalationTarget.OrganizationBoard, false, TimeSpan.FromDays(10)),
        ],
        escalations.Select(m => (m.Rung, m.Target!.Value, m.HandsOver, m.Offset)));
    }

    [Fact]
    public void For_Reminders_CarryTheirLead()
    {
        IEnumerable<TimeSpan> leads = DeadlinePlan.For(Definition.DueDates.CellMeeting, Definition)
            .Where(m => m.Kind == DeadlineMomentKind.Reminder).Select(m => m.Offset);

        Assert.Equal([TimeSpan.FromDays(3), TimeSpan.FromDays(1), TimeSpan.Zero], leads);
    }

    [Fact]
    public void For_EscalationsAfterTheHardStop_Dropped()
    {
        CycleDefinition definition = Definition with { HardStop = new DateOnly(2026, 12, 25) };

        IReadOnlyList<DeadlineMoment> plan = DeadlinePlan.For(new DateOnly(2026, 12, 18), definition);

        Assert.Equal(2, plan.Count(m => m.Kind == DeadlineMomentKind.Escalation));
        Assert.Equal((DeadlineMomentKind.HardStop, Utc(2026, 12, 25, 17)), (plan[^1].Kind, plan[^1].At));
    }

    [Fact]
    public void For_DueOnTheHardStopDay_DueComesBeforeTheHardStop()
    {
        IReadOnlyList<DeadlineMoment> plan = DeadlinePlan.For(Definition.HardStop, Definition);

        Assert.Equal([DeadlineMomentKind.Due, DeadlineMomentKind.HardStop], plan.Skip(3).Select(m => m.Kind));
        Assert.Equal(plan[3].At, plan[4].At);
    }

    [Fact]
    public void For_DueAfterTheHardStop_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DeadlinePlan.For(new DateOnly(2027, 2, 2), Definition));
    }

    [Fact]
    public void For_AnotherTimeZone_ReadsDatesThere()
    {
        CycleDefinition definition = Definition with { TimeZoneId = "Europe/Paris", NoticeTime = new TimeOnly(9, 0) };

        IReadOnlyList<DeadlineMoment> plan = DeadlinePlan.For(new DateOnly(2026, 12, 18), definition);

        Assert.Equal(Utc(2026, 12, 15, 8), plan[0].At);
        Assert.Equal(Utc(2026, 12, 18, 23), plan.Single(m => m.Kind == DeadlineMomentKind.Due).At);
    }

    [Fact]
    public void EndOfDay_HoChiMinh_IsSeventeenHundredUtc()
    {
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

        Assert.Equal(Utc(2026, 12, 31, 17), DeadlinePlan.EndOfDay(new DateOnly(2026, 12, 31), zone));
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);
}
