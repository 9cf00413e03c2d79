using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace AnnualReview.Durable.Storage;

/// <summary>Purge with an archive: the full history goes to a blob (JSON Lines, hashes included) before any row is deleted.</summary>
internal sealed class Retention(TaskHubStorage storage, InstanceStore store)
{
    public static string ArchiveName(string instanceId) => PayloadStore.InstanceBlob(instanceId, "history.jsonl");

    public async Task ArchiveAndDeleteAsync(InstanceState state, CancellationToken cancellation)
    {
        List<HistoryRow> rows = await store.GetHistoryRowsAsync(state.InstanceId, 0, cancellation);
        var text = new StringBuilder();
        text.AppendLine(JsonSerializer.Serialize(new
        {
            state.InstanceId,
            state.Name,
            state.Version,
            Status = state.Status.ToString(),
            state.CreatedTime,
            state.CompletedTime,
            state.LastHash,
            Rows = rows.Count,
        }, DataConverter.Options));
        foreach (HistoryRow row in rows)
        {
            text.AppendLine(JsonSerializer.Serialize(new { row.Seq, row.ExecutionId, row.PrevHash, row.Hash, Events = row.EventsJson }, DataConverter.Options));
        }

        await storage.Archive.GetBlobClient(ArchiveName(state.InstanceId))
            .UploadAsync(BinaryData.FromString(text.ToString()), overwrite: true, cancellation);

        var deletes = new List<TableTransactionAction>();
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {state.InstanceId}");
        await foreach (TableEntity entity in storage.InstancesFor(state.InstanceId).QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellation))
        {
            deletes.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, Azure.ETag.All));
        }

        // History rows first, the state row last, so an interrupted purge still shows the instance.
        deletes.Sort((a, b) => string.CompareOrdinal(b.Entity.RowKey, a.Entity.RowKey));
        foreach (var chunk in deletes.Chunk(100))
        {
            await storage.InstancesFor(state.InstanceId).SubmitTransactionAsync(chunk, cancellation);
        }

        await store.Payloads.DeleteInstanceBlobsAsync(state.InstanceId, cancellation);
    }

    public async Task<string?> ReadArchiveAsync(string instanceId, CancellationToken cancellation)
    {
        var blob = storage.Archive.GetBlobClient(ArchiveName(instanceId));
        if (!(await blob.ExistsAsync(cancellation)).Value)
        {
            return null;
        }

        return (await blob.DownloadContentAsync(cancellation)).Value.Content.ToString();
    }
}
