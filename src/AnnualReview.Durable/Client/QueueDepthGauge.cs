using AnnualReview.Durable.Storage;

namespace AnnualReview.Durable.Client;

/// <summary>
/// Samples control queue depths, and the work-item queue's as slot <see cref="WorkItemSlot"/>, at most once a
/// second per queue, so that starting many instances or firing many timers waits while a queue is deep: on
/// Azurite every queue operation slows down with the messages waiting in it.
/// </summary>
internal sealed class QueueDepthGauge(TaskHubStorage storage)
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(1);
    private readonly Task<int>?[] _samples = new Task<int>?[storage.ControlQueues.Count + 1];
    private readonly long[] _sampledAt = new long[storage.ControlQueues.Count + 1];
    private readonly Lock _gate = new();

    /// <summary>The slot after the control queues: the work-item queue.</summary>
    public int WorkItemSlot => storage.ControlQueues.Count;

    public async Task WaitForRoomAsync(int partition, CancellationToken cancellation)
    {
        int limit = storage.Options.MaxControlQueueDepth;
        while (await DepthAsync(partition).WaitAsync(cancellation) > limit)
        {
            await Task.Delay(SampleEvery, cancellation);
        }
    }

    /// <summary>One sample per queue per second, shared by every caller: many concurrent starts make one call, not one each.</summary>
    public Task<int> DepthAsync(int partition)
    {
        long now = Environment.TickCount64;
        lock (_gate)
        {
            if (_samples[partition] is { } sample && now - _sampledAt[partition] < SampleEvery.TotalMilliseconds && !sample.IsFaulted && !sample.IsCanceled)
            {
                return sample;
            }

            _sampledAt[partition] = now;
            // Shared by every waiting caller, so no single caller's cancellation may cancel it.
            return _samples[partition] = SampleAsync(partition);
        }
    }

    /// <summary>
    /// Counts messages this process just sent into the current sample, so callers in the same second do not all
    /// see the old depth and together overshoot the limit.
    /// </summary>
    public void Added(int partition, int count)
    {
        lock (_gate)
        {
            if (_samples[partition] is { IsCompletedSuccessfully: true } sample)
            {
                _samples[partition] = Task.FromResult(sample.Result + count);
            }
        }
    }

    private async Task<int> SampleAsync(int partition)
        => (await (partition == WorkItemSlot ? storage.WorkItems : storage.ControlQueues[partition]).GetPropertiesAsync(CancellationToken.None)).Value.ApproximateMessagesCount;
}
