using System.Diagnostics;
using AnnualReview.Functions.Observability;

namespace AnnualReview.Functions.Periodic;

/// <summary>What one run of one piece of periodic work did.</summary>
public sealed record PeriodicOutcome(string Name, bool Succeeded, string? Error);

/// <summary>
/// Runs every registered <see cref="IPeriodicWork"/> once, one after the other. A failing piece is logged and
/// reported but does not stop the others: each is safe to repeat, so the next run simply tries again.
/// </summary>
public sealed class PeriodicWorkRunner(IEnumerable<IPeriodicWork> work, ILogger<PeriodicWorkRunner> logger)
{
    public async Task<IReadOnlyList<PeriodicOutcome>> RunOnceAsync(CancellationToken cancellation)
    {
        var outcomes = new List<PeriodicOutcome>();
        foreach (IPeriodicWork piece in work)
        {
            using Activity? span = AppTracing.Source.StartActivity("periodic " + piece.Name);
            using IDisposable? scope = logger.BeginScope(new Dictionary<string, object> { ["PeriodicWork"] = piece.Name });
            try
            {
                await piece.RunOnceAsync(cancellation);
                outcomes.Add(new PeriodicOutcome(piece.Name, true, null));
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception error)
            {
                span?.SetStatus(ActivityStatusCode.Error, error.Message);
                logger.LogError(error, "Periodic work {PeriodicWork} failed; it runs again at the next tick.", piece.Name);
                outcomes.Add(new PeriodicOutcome(piece.Name, false, error.Message));
            }
        }

        return outcomes;
    }
}
