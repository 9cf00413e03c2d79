namespace AnnualReview.Durable;

/// <summary>Options for scheduling an activity or sub-orchestration.</summary>
public class TaskOptions
{
    public TaskOptions(RetryPolicy? retry = null)
    {
        Retry = retry;
    }

    public RetryPolicy? Retry { get; init; }

    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);

    public SubOrchestrationOptions WithInstanceId(string instanceId) => new(this, instanceId);
}

/// <summary>Options for a sub-orchestration, with the explicit instance id it should run under.</summary>
public sealed class SubOrchestrationOptions : TaskOptions
{
    public SubOrchestrationOptions(TaskOptions? options = null, string? instanceId = null)
        : base(options?.Retry)
    {
        InstanceId = instanceId;
    }

    public string? InstanceId { get; init; }

    /// <summary>The orchestrator version to start; the registry's default when null.</summary>
    public string? Version { get; init; }
}

/// <summary>How a failed activity or sub-orchestration is retried. Delays are durable timers, so retries survive restarts.</summary>
public sealed class RetryPolicy
{
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    public int MaxNumberOfAttempts { get; }

    public TimeSpan FirstRetryInterval { get; }

    public double BackoffCoefficient { get; }

    public TimeSpan MaxRetryInterval { get; }

    public TimeSpan RetryTimeout { get; }

    /// <summary>Optional filter: return false to stop retrying for this failure.</summary>
    public Func<TaskFailureDetails, bool>? HandleFailure { get; init; }

    /// <summary>The delay before attempt <paramref name="attempt"/> (2 for the first retry).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        double factor = Math.Pow(BackoffCoefficient, attempt - 2);
        double ms = Math.Min(FirstRetryInterval.TotalMilliseconds * factor, MaxRetryInterval.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms);
    }
}
