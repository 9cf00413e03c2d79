using AnnualReview.Workflows;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Notifications.Delivery;

/// <summary>
/// An outbox row still waiting for a channel: the request the workflow wrote, where the row is, and what the
/// delivery wrote back onto it (when to look again, whether the inbox copy is already in place).
/// </summary>
public sealed record PendingNotification(string Shard, string Key, NotificationRequest Request)
{
    public const string NextAttemptAtColumn = "NextAttemptAt";
    public const string InboxDeliveredColumn = "InboxDelivered";

    /// <summary>Set when a channel asked to come back later (a webhook retry, a claim held by another instance).</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    public bool InboxDelivered { get; init; }

    public static PendingNotification From(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        string id = row.GetString("Id") ?? row.RowKey;
        var request = new NotificationRequest(
            id,
            row.GetString("RecipientId") ?? "",
            row.GetString("Template") ?? "",
            JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString("Data") ?? "{}", WorkflowJson.Options) ?? [])
        {
            Email = row.GetString("Email"),
            CycleId = row.GetString("CycleId"),
            InstanceId = row.GetString("InstanceId"),
            CreatedAt = row.GetDateTimeOffset("CreatedAt")?.UtcDateTime ?? default,
        };
        return new PendingNotification(row.PartitionKey, row.RowKey.Length > 0 ? row.RowKey : NotificationOutbox.Key(id), request)
        {
            NextAttemptAt = row.GetDateTimeOffset(NextAttemptAtColumn),
            InboxDelivered = row.GetBoolean(InboxDeliveredColumn) == true,
        };
    }

    public bool IsDue(DateTimeOffset now) => NextAttemptAt is not { } at || at <= now;

    /// <summary>A value from the data, or null when absent or blank.</summary>
    public string? Data(string key) => Request.Data.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
