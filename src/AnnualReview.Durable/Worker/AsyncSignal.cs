namespace AnnualReview.Durable.Worker;

/// <summary>Wakes a sleeping poller early: set by whoever just put work on its queue.</summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for the delay or a signal, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan delay, CancellationToken cancellation)
    {
        Task signalled = Volatile.Read(ref _next).Task;
        await Task.WhenAny(signalled, Task.Delay(delay, cancellation));
        cancellation.ThrowIfCancellationRequested();
    }
}
