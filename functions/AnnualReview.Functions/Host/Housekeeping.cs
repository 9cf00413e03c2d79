using AnnualReview.Functions.Periodic;

namespace AnnualReview.Functions.Host;

/// <summary>What one housekeeping tick did; <see cref="Errors"/> is empty when every part succeeded.</summary>
public sealed record HousekeepingResult(IReadOnlyList<PeriodicOutcome> Periodic, IReadOnlyList<string> Errors);

/// <summary>The timer tick under the Functions host: runs the app's periodic work (notification delivery, key sweeps).</summary>
public sealed class Housekeeping(PeriodicWorkRunner periodic)
{
    public async Task<HousekeepingResult> RunAsync(CancellationToken cancellation)
    {
        IReadOnlyList<PeriodicOutcome> outcomes = await periodic.RunOnceAsync(cancellation);
        return new HousekeepingResult(outcomes, [.. outcomes.Where(o => !o.Succeeded).Select(o => $"{o.Name}: {o.Error}")]);
    }
}
