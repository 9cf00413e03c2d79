using AnnualReview.Workflows;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Notifications.Delivery;

/// <summary>
/// The in-app inbox: one row per recipient and notification (PK recipient, RK the notification's key, the same
/// key the workflows' outbox writer uses: it names what the notification announces, never when it was written,
/// so a re-run of the activity that wrote it lands on the same row). A merge-upsert, so it is idempotent and keeps
/// what the reader did with the row (read time).
/// </summary>
public sealed class InboxChannel(AssessmentStorage storage, TimeProvider clock)
{
    public const string Name = "inbox";

    /// <summary>The listing sorts the (small) partition newest first by its creation time.</summary>
    public static string RowKey(NotificationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return NotificationOutbox.InboxKey(request);
    }

    public async Task<ChannelOutcome> DeliverAsync(PendingNotification notification, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(notification);
        NotificationRequest r = notification.Request;
        if (notification.InboxDelivered || r.RecipientId.Length == 0)
        {
            return ChannelOutcome.Finished;
        }

        var row = new TableEntity(r.RecipientId, RowKey(r))
        {
            ["Id"] = r.Id,
            ["RecipientId"] = r.RecipientId,
            ["Template"] = r.Template,
            ["Data"] = JsonSerializer.Serialize(r.Data, WorkflowJson.Options),
            ["Email"] = r.Email,
            ["CycleId"] = r.CycleId,
            ["InstanceId"] = r.InstanceId,
            ["CreatedAt"] = DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc),
            ["DeliveredAt"] = clock.GetUtcNow(),
        };
        await storage.Inbox.For(row.PartitionKey).UpsertEntityAsync(row, TableUpdateMode.Merge, cancellation);
        return ChannelOutcome.Finished;
    }
}
