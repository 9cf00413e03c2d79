namespace AnnualReview.Functions.Notifications.Delivery;

/// <summary>What one channel did with one notification: finished with it (sent, skipped or given up), or come back at a time.</summary>
public readonly record struct ChannelOutcome(DateTimeOffset? RetryAt)
{
    public static ChannelOutcome Finished { get; } = new(null);

    public static ChannelOutcome Later(DateTimeOffset at) => new(at);

    public bool IsFinished => RetryAt is null;
}
