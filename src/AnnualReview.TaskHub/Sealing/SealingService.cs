using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnnualReview.TaskHub.Sealing;

/// <summary>
/// Runs the sealer: every <see cref="Interval"/> it seals the instances the worker stepped; at start and every
/// <see cref="CatchUpInterval"/> it also looks in the Instances table for instances updated meanwhile (stepped by
/// another worker, or before a crash), so every event is sealed within about one interval of being written.
/// </summary>
public sealed class SealingService(HistorySealer sealer, TaskHubStorage storage, TimeProvider clock, ILogger<SealingService> log) : BackgroundService
{
    /// <summary>Every sweep costs a history query, an append and an index write per instance stepped since the last one; a longer interval seals more events per write.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    public TimeSpan Interval { get; init; } = DefaultInterval;

    public TimeSpan CatchUpInterval { get; init; } = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await storage.EnsureCreatedAsync(stoppingToken);

        // Catch up from an hour back at start: whatever a crashed sealer left unsealed is found again.
        DateTimeOffset catchUpFrom = clock.GetUtcNow() - TimeSpan.FromHours(1);
        DateTimeOffset nextCatchUp = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                DateTimeOffset now = clock.GetUtcNow();
                if (now >= nextCatchUp)
                {
                    await sealer.MarkUpdatedSinceAsync(catchUpFrom, stoppingToken);
                    catchUpFrom = now - Interval - TimeSpan.FromSeconds(5);
                    nextCatchUp = now + CatchUpInterval;
                }

                await sealer.SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Sealing sweep failed; the marked instances are sealed on a later sweep.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
