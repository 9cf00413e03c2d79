namespace AnnualReview.Functions.Periodic;

/// <summary>
/// Work that runs on a schedule: under the Functions host from the timer trigger, standalone from the app's own
/// timer. Each run must be safe to repeat and to overlap with a run on another instance.
/// </summary>
public interface IPeriodicWork
{
    /// <summary>For logs and traces.</summary>
    string Name { get; }

    Task RunOnceAsync(CancellationToken cancellation);
}
