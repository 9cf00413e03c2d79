using AnnualReview.Workflows.Storage;

namespace AnnualReview.CycleBench;

/// <summary>The one service the cycle's activities ask for: the assessment's storage.</summary>
internal sealed class Services(AssessmentStorage storage) : IServiceProvider
{
    public object? GetService(Type serviceType) => serviceType == typeof(AssessmentStorage) ? storage : null;
}
