using AnnualReview.Functions.Notifications.Delivery;
using Microsoft.Azure.Functions.Worker;

namespace AnnualReview.FunctionApp.Background;

/// <summary>
/// Notification delivery under the Functions host: run when the activities that write the outbox say so, and
/// again while notifications wait for a retry; an hourly pass delivers whatever a lost message left.
/// </summary>
public sealed class DeliveryFunctions(NotificationDelivery delivery, DeliveryWakeUps wakeUps)
{
    public const string CatchUpSchedule = "0 15 * * * *";

    [Function("DeliverNotifications")]
    public async Task Deliver([QueueTrigger(WorkQueues.DeliveryTrigger)] string message, FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(function);
        await RunAsync(function.CancellationToken);
    }

    [Function("DeliveryCatchUp")]
    public async Task CatchUp([TimerTrigger(CatchUpSchedule)] TimerInfo timer, FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(function);
        await RunAsync(function.CancellationToken);
    }

    private async Task RunAsync(CancellationToken cancellation)
    {
        DeliveryRunSummary summary = await delivery.RunAsync(cancellation);
        if (summary.Waiting > 0 || summary.Errors > 0)
        {
            await wakeUps.WakeForRetryAsync(cancellation);
        }
    }
}
