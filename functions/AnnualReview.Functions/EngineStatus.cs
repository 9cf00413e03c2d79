using AnnualReview.Durable.Hosting;
using AnnualReview.Durable.Worker;

namespace AnnualReview.Functions;

/// <summary>What the engine is doing: its task hub, its queues and how many messages wait in each.</summary>
internal sealed record EngineStatus(string Service, string TaskHub, bool PollingQueues, int CachedInstances, IReadOnlyDictionary<string, int> QueueDepths)
{
    public static async Task<EngineStatus> ReadAsync(DurableTaskWorker worker, DurableTaskOptions options, CancellationToken cancellation)
    {
        await worker.EnsureCreatedAsync(cancellation);
        var depths = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (string queue in worker.ControlQueueNames.Append(worker.WorkItemQueueName))
        {
            depths[queue] = await worker.GetQueueDepthAsync(queue, cancellation);
        }

        return new EngineStatus("AnnualReview", options.TaskHubName, options.PollQueues, worker.CachedInstanceCount, depths);
    }

    public static void LogOnStart(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AnnualReview");
        var options = app.Services.GetRequiredService<DurableTaskOptions>();
        logger.LogInformation("AnnualReview engine running: task hub {TaskHub}, {Partitions} control queues, polling {Polling}; status at {Urls}/",
            options.TaskHubName, options.PartitionCount, options.PollQueues, string.Join(", ", app.Urls));
    }
}
