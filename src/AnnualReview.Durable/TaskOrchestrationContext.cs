using Microsoft.Extensions.Logging;

namespace AnnualReview.Durable;

/// <summary>
/// What orchestrator code sees. Every method is recorded in the instance's history and replayed, so the
/// code must be deterministic: use <see cref="CurrentUtcDateTime"/> for time and <see cref="NewGuid"/> for ids.
/// </summary>
public abstract class TaskOrchestrationContext
{
    public abstract string Name { get; }

    public abstract string InstanceId { get; }

    /// <summary>The orchestrator version this instance started with.</summary>
    public abstract string Version { get; }

    /// <summary>The time of the step being executed, the same on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code re-runs over events already in history.</summary>
    public abstract bool IsReplaying { get; }

    public abstract T? GetInput<T>();

    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null)
        => CallActivityAsync<object?>(name, input, options);

    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, TaskOptions? options = null);

    public Task CallSubOrchestratorAsync(string orchestratorName, object? input = null, TaskOptions? options = null)
        => CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    /// <summary>A durable timer. Cancelling the token abandons the wait; the timer's later firing is ignored.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken)
        => CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>Waits for an event raised to this instance; events that arrived earlier are kept in arrival order.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an event at most <paramref name="timeout"/>; throws <see cref="TaskCanceledException"/> when it elapses.</summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource();
        Task timer = CreateTimer(timeout, cts.Token);
        Task<T> wait = WaitForExternalEvent<T>(eventName, cts.Token);
        Task winner = await Task.WhenAny(wait, timer);
        if (winner == wait)
        {
            CancelSynchronously(cts);
            return await wait;
        }

        CancelSynchronously(cts);
        throw new TaskCanceledException($"Timed out after {timeout} waiting for external event '{eventName}'.");
    }

    // Cancellation callbacks must run on the orchestrator's own thread, so cancel synchronously.
    private static void CancelSynchronously(CancellationTokenSource cts) => cts.Cancel();

    /// <summary>Raises an event on another instance, durably (sent once this step commits).</summary>
    public abstract void SendEvent(string instanceId, string eventName, object? payload);

    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Ends this execution and starts the instance afresh with new input and an empty history.</summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A GUID that is the same on every replay of this step.</summary>
    public abstract Guid NewGuid();

    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);
}
