using Microsoft.DurableTask;

namespace AnnualReview.Workflows.Timing;

/// <summary>
/// The cycle's time as the durable engine's time. A cycle runs on real time (<see cref="Real"/>); a demo or a
/// whole-cycle test runs it faster: cycle time = <see cref="CycleEpoch"/> + (real time − <see cref="RealEpoch"/>)
/// × <see cref="Scale"/>. The mapping is pinned in the cycle's input when it starts, so every replay computes the
/// same times, and durable timers (which the engine fires on real time) are set at the real moment a cycle moment
/// falls on.
/// </summary>
public sealed record CycleClock(DateTime CycleEpoch, DateTime RealEpoch, double Scale)
{
    private static readonly TimeSpan WholeSecond = TimeSpan.FromSeconds(1);

    public static CycleClock Real { get; } = new(DateTime.UnixEpoch, DateTime.UnixEpoch, 1);

    public bool IsReal => Scale == 1 && CycleEpoch == RealEpoch;

    public DateTime ToCycleTime(DateTime realUtc)
        => IsReal ? realUtc : CycleEpoch + TimeSpan.FromTicks((long)((realUtc - RealEpoch).Ticks * Scale));

    public DateTime ToRealTime(DateTime cycleUtc)
        => IsReal ? cycleUtc : RealEpoch + TimeSpan.FromTicks((long)Math.Ceiling((cycleUtc - CycleEpoch).Ticks / Scale));

    /// <summary>The orchestration's current time in cycle time (deterministic: it comes from the history).</summary>
    public DateTime Now(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ToCycleTime(context.CurrentUtcDateTime);
    }

    /// <summary>
    /// A durable timer that fires when the cycle's clock reaches <paramref name="cycleUtc"/>, never before. Azure
    /// Storage hides a timer's message for whole seconds (the fraction is dropped), so DTFx may wake an
    /// orchestration up to a second early: hours of a cycle on a fast clock. The timer is set a second later than
    /// the moment (so it fires within the second after it), and if it still comes early the rest is waited out.
    /// </summary>
    public async Task TimerAsync(TaskOrchestrationContext context, DateTime cycleUtc, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        DateTime realUtc = DateTime.SpecifyKind(ToRealTime(cycleUtc), DateTimeKind.Utc);
        DateTime fireAt = realUtc;
        do
        {
            fireAt = (fireAt > context.CurrentUtcDateTime ? fireAt : context.CurrentUtcDateTime) + WholeSecond;
            await context.CreateTimer(fireAt, cancellation);
            fireAt = realUtc;
        }
        while (Now(context) < cycleUtc && !cancellation.IsCancellationRequested);
    }
}
