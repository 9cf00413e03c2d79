using Azure;
using Azure.Storage.Queues.Models;

namespace AnnualReview.TaskHub.Status;

/// <summary>How many messages wait in each of the task hub's queues (control queues and the work-item queue).</summary>
public static class QueueDepths
{
    public static async Task<IReadOnlyDictionary<string, int>> ReadAsync(TaskHubStorage storage, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var depths = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (string queue in storage.ControlQueueNames.Append(storage.WorkItemQueueName))
        {
            try
            {
                QueueProperties properties = await storage.Queues.GetQueueClient(queue).GetPropertiesAsync(cancellation);
                depths[queue] = properties.ApproximateMessagesCount;
            }
            catch (RequestFailedException missing) when (missing.Status == 404)
            {
                depths[queue] = 0;
            }
        }

        return depths;
    }
}
