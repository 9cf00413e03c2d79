namespace AnnualReview.Workflows.Timing;

/// <summary>
/// A clock that runs <see cref="CycleClock.Scale"/> times faster than real time, for demos and whole-cycle tests:
/// at 3,600 an hour of the cycle passes each second. Commands and pages read it; a cycle started on it pins the same
/// mapping (<see cref="Clock"/>), so the orchestrations see the same time as the people using the app. The real
/// moment the mapping starts from is fixed (<c>Clock:RealStart</c>) so a restarted app keeps the same timeline.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    public ScaledTimeProvider(CycleClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(clock.Scale, 0);
        Clock = clock;
    }

    public CycleClock Clock { get; }

    public override DateTimeOffset GetUtcNow()
        => new(DateTime.SpecifyKind(Clock.ToCycleTime(System.GetUtcNow().UtcDateTime), DateTimeKind.Utc));
}
