using System.Text;
using AnnualReview.TaskHub;
using Azure.Storage.Queues;

namespace AnnualReview.FunctionApp.Background;

/// <summary>
/// The two queues that wake the app's own work, next to the task hub's queues in the same account: one message
/// per instance to seal, one message per batch of notifications to deliver. Their names follow the hub's
/// (<c>%TaskHubName%</c> in the triggers), so two hubs in one account do not wake each other.
/// </summary>
public sealed class WorkQueues(TaskHubStorage hub)
{
    public const string SealingSuffix = "-sealing";
    public const string DeliverySuffix = "-delivery";

    /// <summary>The trigger's queue name, resolved by the host from the app setting the hub name comes from.</summary>
    public const string SealingTrigger = "%TaskHubName%" + SealingSuffix;

    public const string DeliveryTrigger = "%TaskHubName%" + DeliverySuffix;

    private readonly Lazy<Task<QueueClient>> _sealing = new(() => CreateAsync(hub, SealingSuffix));
    private readonly Lazy<Task<QueueClient>> _delivery = new(() => CreateAsync(hub, DeliverySuffix));

    public async Task SendSealingAsync(string instanceId, TimeSpan delay, CancellationToken cancellation)
        => await (await _sealing.Value).SendMessageAsync(Encode(instanceId), delay, cancellationToken: cancellation);

    public async Task SendDeliveryAsync(TimeSpan delay, CancellationToken cancellation)
        => await (await _delivery.Value).SendMessageAsync(Encode("deliver"), delay, cancellationToken: cancellation);

    // The queue trigger reads messages as base64 unless host.json says otherwise.
    private static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static async Task<QueueClient> CreateAsync(TaskHubStorage hub, string suffix)
    {
        QueueClient queue = hub.Queues.GetQueueClient(hub.HubName.ToLowerInvariant() + suffix);
        await queue.CreateIfNotExistsAsync();
        return queue;
    }
}
