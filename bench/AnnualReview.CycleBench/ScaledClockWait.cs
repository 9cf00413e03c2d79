using AnnualReview.Workflows.Timing;

namespace AnnualReview.CycleBench;

/// <summary>Waits in real time for a moment of the cycle's scaled clock.</summary>
internal sealed class ScaledClockWait(ScaledTimeProvider clock)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task UntilAsync(DateTimeOffset moment, CancellationToken cancellation)
    {
        TimeSpan ahead;
        while ((ahead = moment - clock.GetUtcNow()) > TimeSpan.Zero)
        {
            await Task.Delay(TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (long)(ahead.Ticks / clock.Clock.Scale))), cancellation);
        }
    }
}
