using AnnualReview.Durable.Storage;

namespace AnnualReview.Durable.Client;

/// <summary>
/// Samples control queue depths (at most once a second per queue) so that starting many instances waits
/// while a queue is deep: on Azurite every queue operation slows down with the messages waiting in it.
/// </summary>
internal sealed class QueueDepthGauge(TaskHubStorage storage)
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(1);
    private readonly (long Ticks, int Depth)[] _samples = new (long, int)[storage.ControlQueues.Count];

    public async Task WaitForRoomAsync(int partition, CancellationToken cancellation)
    {
        int limit = storage.Options.MaxControlQueueDepth;
        while (await DepthAsync(partition, cancellation) > limit)
        {
            await Task.Delay(SampleEvery, cancellation);
        }
    }

    private async Task<int> DepthAsync(int partition, CancellationToken cancellation)
    {
        long now = Environment.TickCount64;
        var (ticks, depth) = _samples[partition];
        if (ticks != 0 && now - ticks < SampleEvery.TotalMilliseconds)
        {
            return depth;
        }

        var properties = await storage.ControlQueues[partition].GetPropertiesAsync(cancellation);
        depth = properties.Value.ApproximateMessagesCount;
        _samples[partition] = (now, depth);
        return depth;
    }
}
