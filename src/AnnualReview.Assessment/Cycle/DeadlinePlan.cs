namespace AnnualReview.Assessment.Cycle;

/// <summary>
/// The timetable a durable deadline watch follows for one step. Times are read in the cycle's time zone:
/// <list type="bullet">
/// <item>a due DATE is the whole of that day, so <see cref="DeadlineMomentKind.Due"/> is midnight at its end
/// (18 Dec due ⇒ 19 Dec 00:00 in Hồ Chí Minh City ⇒ 18 Dec 17:00 UTC); the hard stop likewise;</item>
/// <item>reminders and escalations go out at the notice time (08:00 by default) on the due date minus or plus
/// their offset, so a 3-day reminder for the 18th goes on the 15th and a 2-day escalation on the 20th.</item>
/// </list>
/// Reminders and escalations at or after the hard stop are dropped: the step is closed by then. Past moments are kept; the
/// watch skips what it has already passed.
/// </summary>
public static class DeadlinePlan
{
    public static IReadOnlyList<DeadlineMoment> For(DateOnly stepDue, CycleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (stepDue > definition.HardStop)
        {
            throw new ArgumentOutOfRangeException(nameof(stepDue), stepDue, "The due date is after the cycle's hard stop.");
        }

        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(definition.TimeZoneId);
        DateTimeOffset notice = ToUtc(stepDue.ToDateTime(definition.NoticeTime), zone);
        DateTimeOffset due = EndOfDay(stepDue, zone);
        DateTimeOffset hardStop = EndOfDay(definition.HardStop, zone);

        var moments = new List<DeadlineMoment>();
        moments.AddRange(definition.ReminderOffsets
            .Select(offset => new DeadlineMoment(DeadlineMomentKind.Reminder, notice - offset, offset)));
        moments.Add(new DeadlineMoment(DeadlineMomentKind.Due, due, TimeSpan.Zero));
        moments.AddRange(definition.EscalationLadder
            .Select((rung, i) => new DeadlineMoment(DeadlineMomentKind.Escalation, notice + rung.AfterDue, rung.AfterDue, i + 1, rung.Target, rung.HandsOver)));

        return moments
            .Where(m => m.Kind == DeadlineMomentKind.Due || m.At < hardStop)
            .Append(new DeadlineMoment(DeadlineMomentKind.HardStop, hardStop, TimeSpan.Zero))
            .OrderBy(m => m.At)
            .ThenBy(m => m.Kind)
            .ToList();
    }

    /// <summary>Midnight at the end of <paramref name="date"/>, local to <paramref name="zone"/>, as UTC.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date, TimeZoneInfo zone) =>
        ToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        // A local time skipped by a daylight-saving change does not exist; the first valid time after it does.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
