using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions;

/// <summary>Creates the assessment's tables and containers before the app serves requests (idempotent).</summary>
internal sealed class AssessmentStorageStartup(AssessmentStorage storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => storage.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
