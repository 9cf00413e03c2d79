namespace AnnualReview.Durable.Hosting;

/// <summary>
/// A clock that runs <see cref="Factor"/> times faster than real time from a chosen start, so a 30-day
/// deadline passes in 30 seconds at one day per second. Only the engine's notion of "now" is scaled.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly DateTimeOffset _start;
    private readonly long _startTimestamp;

    public ScaledTimeProvider(DateTimeOffset start, double factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(factor, 0);
        _start = start;
        Factor = factor;
        _startTimestamp = System.GetTimestamp();
    }

    /// <summary>Simulated seconds per real second (86,400 for one day per second).</summary>
    public double Factor { get; }

    public override DateTimeOffset GetUtcNow()
    {
        TimeSpan real = System.GetElapsedTime(_startTimestamp);
        return _start + TimeSpan.FromTicks((long)(real.Ticks * Factor));
    }
}
