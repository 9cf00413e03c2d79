namespace AnnualReview.Functions.Idempotency;

/// <summary>How long keys last and how much a request may carry (<c>Idempotency:*</c> settings).</summary>
public sealed record IdempotencyOptions
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";
    public const int MaxKeyLength = 200;

    /// <summary>A retry after this long runs again as a new request.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>A claim not answered within this long (the process died) may be taken over by a retry.</summary>
    public TimeSpan InFlightLease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Largest request body buffered for hashing; uploads are bounded far below this by their endpoints.</summary>
    public long MaxBodyBytes { get; init; } = 32L * 1024 * 1024;

    public static IdempotencyOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new IdempotencyOptions();
        if (configuration["Idempotency:LifetimeHours"] is { Length: > 0 } hours)
        {
            options = options with { Lifetime = TimeSpan.FromHours(double.Parse(hours, System.Globalization.CultureInfo.InvariantCulture)) };
        }

        if (configuration["Idempotency:InFlightLeaseSeconds"] is { Length: > 0 } lease)
        {
            options = options with { InFlightLease = TimeSpan.FromSeconds(double.Parse(lease, System.Globalization.CultureInfo.InvariantCulture)) };
        }

        // A request that died may have raised its event into a control queue message that the dead worker had
        // taken: the message is hidden for the queue's visibility timeout before another worker applies it. A
        // retry that took over sooner would find no trace in the history and raise the event a second time.
        TimeSpan hidden = AnnualReview.TaskHub.TaskHubSettings.From(configuration).ControlQueueVisibilityTimeout;
        if (options.InFlightLease < 2 * hidden)
        {
            options = options with { InFlightLease = 2 * hidden };
        }

        return options;
    }
}
