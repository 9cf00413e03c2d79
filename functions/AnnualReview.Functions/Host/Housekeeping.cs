using System.Diagnostics;
using AnnualReview.Durable.Worker;
using AnnualReview.Functions.Periodic;

namespace AnnualReview.Functions.Host;

/// <summary>What one housekeeping tick did; <see cref="Errors"/> is empty when every part succeeded.</summary>
public sealed record HousekeepingResult(int TimersFired, int StartsRecovered, IReadOnlyList<PeriodicOutcome> Periodic, IReadOnlyList<string> Errors);

/// <summary>
/// The engine's periodic duties when the Functions host, not the engine, owns the clock: move due timers to the
/// control queues, re-send lost starts, then run the app's periodic work. Each part runs even if an earlier
/// part failed, so one broken piece never starves the others.
/// </summary>
public sealed class Housekeeping(DurableTaskWorker worker, PeriodicWorkRunner periodic, ILogger<Housekeeping> logger)
{
    /// <summary>A start still pending after this long was lost (its client died before sending it).</summary>
    public static readonly TimeSpan LostStartAge = TimeSpan.FromMinutes(10);

    /// <summary>The lost-start scan reads the whole instance index, so it runs far less often than the timer ticks.</summary>
    public static readonly TimeSpan LostStartScanEvery = TimeSpan.FromMinutes(5);

    private long _lastScan = long.MinValue;

    public async Task<HousekeepingResult> RunAsync(CancellationToken cancellation)
    {
        var errors = new List<string>();
        int fired = await Guard("timers", () => worker.ProcessDueTimersAsync(cancellation), errors);
        int recovered = 0;
        long now = Environment.TickCount64;
        long last = Interlocked.Read(ref _lastScan);
        if ((last == long.MinValue || now - last >= LostStartScanEvery.TotalMilliseconds) && Interlocked.CompareExchange(ref _lastScan, now, last) == last)
        {
            recovered = await Guard("lost starts", () => worker.RecoverPendingStartsAsync(LostStartAge, cancellation), errors);
        }

        IReadOnlyList<PeriodicOutcome> outcomes = await periodic.RunOnceAsync(cancellation);
        errors.AddRange(outcomes.Where(o => !o.Succeeded).Select(o => $"{o.Name}: {o.Error}"));
        if (fired > 0 || recovered > 0)
        {
            logger.LogInformation("Housekeeping moved {TimersFired} due timers and re-sent {StartsRecovered} lost starts.", fired, recovered);
        }

        return new HousekeepingResult(fired, recovered, outcomes, errors);
    }

    private async Task<int> Guard(string part, Func<Task<int>> run, List<string> errors)
    {
        using Activity? span = Observability.AppTracing.Source.StartActivity("housekeeping " + part);
        try
        {
            return await run();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            span?.SetStatus(ActivityStatusCode.Error, error.Message);
            logger.LogError(error, "Housekeeping ({Part}) failed; it runs again at the next tick.", part);
            errors.Add($"{part}: {error.Message}");
            return 0;
        }
    }
}
