using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Workflows.Storage;

/// <summary>
/// Writes notification requests twice: into the recipient's inbox (what the app shows them) and into the
/// outbox the delivery channels drain. Both are upserts under deterministic keys, so writing again is harmless.
/// </summary>
public sealed class NotificationOutbox(AssessmentStorage storage)
{
    public const int Shards = 8;

    public async Task WriteAsync(IReadOnlyCollection<NotificationRequest> requests, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var outbox = requests.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(Shard(r.Id), r.Id, r)));
        await AssessmentStorage.SubmitInBatchesAsync(storage.Outbox, outbox, cancellation);
        // Merge, not replace: a re-run must not undo what the reader did with the row (read time).
        var inbox = requests.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertMerge, Entity(r.RecipientId, InboxKey(r), r)));
        await AssessmentStorage.SubmitInBatchesAsync(storage.Inbox, inbox, cancellation);
    }

    public async Task<List<NotificationRequest>> InboxAsync(string recipientId, CancellationToken cancellation)
    {
        var list = new List<NotificationRequest>();
        await foreach (TableEntity row in storage.Inbox.For(recipientId).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {recipientId}"), cancellationToken: cancellation))
        {
            list.Add(Read(row));
        }

        return list;
    }

    public async Task<List<NotificationRequest>> PendingAsync(int shard, CancellationToken cancellation)
    {
        var list = new List<NotificationRequest>();
        string partition = shard.ToString("D2", CultureInfo.InvariantCulture);
        await foreach (TableEntity row in storage.Outbox.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellation))
        {
            list.Add(Read(row));
        }

        return list;
    }

    /// <summary>Table keys may not hold '/', '\', '#', '?'; ids built from instance ids are hashed instead.</summary>
    public static string Key(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)).AsSpan(0, 16));

    private static string Shard(string id) => (Key(id)[0] % Shards).ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>
    /// An inbox row is keyed by what it announces (the request's id), not by when it was written: the activity that
    /// writes it may run again after a crash, with another clock reading, and must land on the same row.
    /// </summary>
    public static string InboxKey(NotificationRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return Key(r.Id);
    }

    private static TableEntity Entity(string partition, string row, NotificationRequest r) => new(partition, row == r.Id ? Key(r.Id) : row)
    {
        ["Id"] = r.Id,
        ["RecipientId"] = r.RecipientId,
        ["Template"] = r.Template,
        ["Data"] = JsonSerializer.Serialize(r.Data, WorkflowJson.Options),
        ["Email"] = r.Email,
        ["CycleId"] = r.CycleId,
        ["InstanceId"] = r.InstanceId,
        ["CreatedAt"] = DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc),
    };

    private static NotificationRequest Read(TableEntity row) => new(
        row.GetString("Id") ?? row.RowKey,
        row.GetString("RecipientId") ?? "",
        row.GetString("Template") ?? "",
        JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString("Data") ?? "{}", WorkflowJson.Options) ?? [])
    {
        Email = row.GetString("Email"),
        CycleId = row.GetString("CycleId"),
        InstanceId = row.GetString("InstanceId"),
        CreatedAt = row.GetDateTimeOffset("CreatedAt")?.UtcDateTime ?? default,
    };
}
