using System.Diagnostics;

namespace AnnualReview.Functions.Observability;

/// <summary>The app's own spans (host invocations, housekeeping, periodic work, management calls).</summary>
public static class AppTracing
{
    public const string SourceName = "AnnualReview";

    /// <summary>The tag every span about one orchestration instance carries, so a trace search by id finds them all.</summary>
    public const string InstanceIdTag = "annualreview.instance_id";

    public static ActivitySource Source { get; } = new(SourceName);
}
