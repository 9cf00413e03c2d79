using System.Globalization;
using Azure.Data.Tables;

namespace AnnualReview.Durable.Storage;

/// <summary>A message that could not be processed after the allowed attempts, kept with the reason.</summary>
public sealed record DeadLetter(string InstanceId, string MessageId, string Queue, string Reason, long DequeueCount, DateTimeOffset Time, string Body);

/// <summary>Where poison messages end: a table, so operators can list them and auditors can see them.</summary>
internal sealed class DeadLetterStore(TaskHubStorage storage)
{
    public async Task AddAsync(DeadLetter letter, CancellationToken cancellation)
    {
        var entity = new TableEntity(MessageSender.EscapeKey(letter.InstanceId), MessageSender.EscapeKey(letter.MessageId))
        {
            ["Queue"] = letter.Queue,
            ["Reason"] = letter.Reason,
            ["DequeueCount"] = letter.DequeueCount,
            ["Time"] = letter.Time,
            ["Body"] = letter.Body.Length > 30_000 ? letter.Body[..30_000] : letter.Body,
            ["InstanceId"] = letter.InstanceId,
            ["MessageId"] = letter.MessageId,
        };
        await storage.DeadLetters.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellation);
    }

    public async Task<List<DeadLetter>> ListAsync(string? instanceId, CancellationToken cancellation)
    {
        string? filter = instanceId is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {MessageSender.EscapeKey(instanceId)}");
        var letters = new List<DeadLetter>();
        await foreach (TableEntity e in storage.DeadLetters.QueryAsync<TableEntity>(filter, cancellationToken: cancellation))
        {
            letters.Add(new DeadLetter(
                e.GetString("InstanceId") ?? e.PartitionKey,
                e.GetString("MessageId") ?? e.RowKey,
                e.GetString("Queue") ?? "",
                e.GetString("Reason") ?? "",
                e.GetInt64("DequeueCount") ?? 0,
                e.GetDateTimeOffset("Time") ?? default,
                e.GetString("Body") ?? ""));
        }

        return letters;
    }

    public static string Describe(long dequeueCount, Exception error)
        => string.Create(CultureInfo.InvariantCulture, $"Failed {dequeueCount} deliveries; last error {error.GetType().Name}: {error.Message}");
}
