using System.Diagnostics;

namespace AnnualReview.CycleBench;

/// <summary>
/// The engine's and the people's clock: simulated time runs <see cref="Factor"/> times faster than real time,
/// the driver may jump it forward over idle hours, and a ceiling holds it still while the simulated people of a
/// phase are behind, so a deadline never passes before the work that should precede it is done.
/// </summary>
internal sealed class SteerableClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _anchor;
    private long _anchorTimestamp;
    private DateTimeOffset _ceiling = DateTimeOffset.MaxValue;

    public SteerableClock(DateTimeOffset start, double factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(factor, 0);
        Factor = factor;
        _anchor = start;
        _anchorTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>Simulated seconds per real second.</summary>
    public double Factor { get; }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return NowLocked();
        }
    }

    /// <summary>Moves the clock forward to <paramref name="target"/> (never back, never past the ceiling).</summary>
    public void JumpTo(DateTimeOffset target)
    {
        lock (_gate)
        {
            DateTimeOffset now = NowLocked();
            DateTimeOffset next = target > _ceiling ? _ceiling : target;
            if (next > now)
            {
                Reanchor(next);
            }
        }
    }

    /// <summary>The clock stops at <paramref name="ceiling"/> until the ceiling is raised or lifted.</summary>
    public void HoldAt(DateTimeOffset ceiling)
    {
        lock (_gate)
        {
            DateTimeOffset now = NowLocked();
            _ceiling = ceiling;
            if (now > ceiling)
            {
                // Already past: hold here rather than going back.
                _ceiling = now;
            }
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            NowLocked();
            _ceiling = DateTimeOffset.MaxValue;
        }
    }

    private DateTimeOffset NowLocked()
    {
        TimeSpan real = Stopwatch.GetElapsedTime(_anchorTimestamp);
        DateTimeOffset now = _anchor + TimeSpan.FromTicks((long)(real.Ticks * Factor));
        if (now >= _ceiling)
        {
            // Held: time restarts from the ceiling when it is released, not from where it would have been.
            Reanchor(_ceiling);
            return _ceiling;
        }

        return now;
    }

    private void Reanchor(DateTimeOffset at)
    {
        _anchor = at;
        _anchorTimestamp = Stopwatch.GetTimestamp();
    }
}
