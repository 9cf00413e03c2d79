using AnnualReview.Functions.Notifications;

namespace AnnualReview.FunctionApp.Background;

/// <summary>
/// Wakes <see cref="DeliveryFunctions"/> when notifications were written: a burst of activities in this process
/// sends one message a second at most, delayed a second so the burst's rows are delivered in one run.
/// </summary>
public sealed class DeliveryWakeUps(WorkQueues queues, NotificationSettings settings, TimeProvider clock)
{
    public static readonly TimeSpan Gather = TimeSpan.FromSeconds(1);

    private long _nextWakeTicks;

    public async Task WakeAsync(CancellationToken cancellation)
    {
        long now = clock.GetUtcNow().UtcTicks;
        long next = Interlocked.Read(ref _nextWakeTicks);
        if (now < next || Interlocked.CompareExchange(ref _nextWakeTicks, now + Gather.Ticks, next) != next)
        {
            return;
        }

        await queues.SendDeliveryAsync(Gather, cancellation);
    }

    /// <summary>Notifications still waiting for a retry: wake again when the shortest retry is due.</summary>
    public Task WakeForRetryAsync(CancellationToken cancellation)
        => queues.SendDeliveryAsync(settings.RetryBase > TimeSpan.FromSeconds(1) ? settings.RetryBase : TimeSpan.FromSeconds(1), cancellation);
}
