using System.Globalization;

namespace AnnualReview.Functions.Periodic;

/// <summary>
/// Standalone only: runs the periodic work on the app's own timer (<c>Periodic:IntervalSeconds</c>, default 5).
/// Under the Functions host the <c>Housekeeping</c> timer trigger runs it instead, so this is not registered.
/// </summary>
internal sealed class PeriodicWorkService(PeriodicWorkRunner runner, TimeSpan interval, ILogger<PeriodicWorkService> logger) : BackgroundService
{
    public const string IntervalSetting = "Periodic:IntervalSeconds";

    public static TimeSpan IntervalFrom(IConfiguration configuration)
    {
        string? text = configuration[IntervalSetting];
        return text is { Length: > 0 } && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(5);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first run waits one interval: the app has just started and nothing is due yet.
        using var timer = new PeriodicTimer(interval);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                await runner.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                logger.LogError(error, "Periodic work run failed; trying again in {Interval}.", interval);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
