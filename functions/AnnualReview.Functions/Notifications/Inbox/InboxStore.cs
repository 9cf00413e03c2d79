using AnnualReview.Workflows;
using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Notifications.Inbox;

/// <summary>One inbox row as the reader's endpoint needs it.</summary>
public sealed record InboxEntry(string Id, string RecipientId, string Template, IReadOnlyDictionary<string, string> Data, DateTimeOffset CreatedAt, string? CycleId)
{
    public DateTimeOffset? ReadAt { get; init; }
}

/// <summary>
/// Reads and marks a recipient's inbox (PK recipient id). A recipient only ever reaches rows of their own
/// partitions, so an id from someone else's inbox is simply not found.
/// </summary>
public sealed class InboxStore(AssessmentStorage storage, TimeProvider clock)
{
    public async Task<List<InboxEntry>> ListAsync(IEnumerable<string> recipients, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var entries = new List<InboxEntry>();
        foreach (string recipient in recipients.Distinct(StringComparer.Ordinal))
        {
            await foreach (TableEntity row in storage.Inbox.For(recipient).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {recipient}"), cancellationToken: cancellation))
            {
                entries.Add(Read(row));
            }
        }

        return [.. entries.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id, StringComparer.Ordinal)];
    }

    /// <summary>Marks an entry read (keeping the first read time); null when none of the recipients has it.</summary>
    public async Task<InboxEntry?> MarkReadAsync(IEnumerable<string> recipients, string id, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        foreach (string recipient in recipients.Distinct(StringComparer.Ordinal))
        {
            NullableResponse<TableEntity> found = await storage.Inbox.For(recipient).GetEntityIfExistsAsync<TableEntity>(recipient, id, cancellationToken: cancellation);
            if (!found.HasValue)
            {
                continue;
            }

            InboxEntry entry = Read(found.Value!);
            if (entry.ReadAt is not null)
            {
                return entry;
            }

            DateTimeOffset now = clock.GetUtcNow();
            try
            {
                await storage.Inbox.For(recipient).UpdateEntityAsync(new TableEntity(recipient, id) { ["ReadAt"] = now }, ETag.All, TableUpdateMode.Merge, cancellation);
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
            {
                return null;
            }

            return entry with { ReadAt = now };
        }

        return null;
    }

    private static InboxEntry Read(TableEntity row) => new(
        row.RowKey,
        row.PartitionKey,
        row.GetString("Template") ?? "",
        JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString("Data") ?? "{}", WorkflowJson.Options) ?? [],
        row.GetDateTimeOffset("CreatedAt") ?? row.Timestamp ?? default,
        row.GetString("CycleId"))
    {
        ReadAt = row.GetDateTimeOffset("ReadAt"),
    };
}
