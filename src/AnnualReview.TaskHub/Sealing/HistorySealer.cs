using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using AnnualReview.TaskHub.History;

namespace AnnualReview.TaskHub.Sealing;

/// <summary>
/// Seals histories as they grow. The worker marks an instance when it steps it; a sweep seals the new events of
/// every marked instance (appends their chain values to the seal log and records how far it got). An instance
/// stays marked until a sweep finds nothing new, because the worker marks it before its step is committed. A
/// catch-up pass over the Instances table finds instances stepped while no sealer was running (after a crash).
/// </summary>
public sealed class HistorySealer(TaskHubStorage storage, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, byte> _marked = new(StringComparer.Ordinal);
    private readonly HistoryReader _reader = new(storage);
    private readonly SealLog _log = new(storage);

    public int MarkedCount => _marked.Count;

    public void Mark(string instanceId) => _marked.TryAdd(instanceId, 0);

    /// <summary>Seals every marked instance; returns how many events it sealed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellation)
    {
        int sealedEvents = 0;
        foreach (string instanceId in _marked.Keys.ToList())
        {
            _marked.TryRemove(instanceId, out _);
            int count;
            try
            {
                count = await SealAsync(instanceId, cancellation);
            }
            catch
            {
                Mark(instanceId);
                throw;
            }

            if (count > 0)
            {
                Mark(instanceId);
            }

            sealedEvents += count;
        }

        return sealedEvents;
    }

    /// <summary>Marks every instance the task hub updated since <paramref name="since"/>.</summary>
    public async Task<int> MarkUpdatedSinceAsync(DateTimeOffset since, CancellationToken cancellation)
    {
        int marked = 0;
        string filter = TableClient.CreateQueryFilter($"LastUpdatedTime ge {since.UtcDateTime}");
        try
        {
            await foreach (TableEntity row in storage.Instances.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellation))
            {
                Mark(row.PartitionKey);
                marked++;
            }
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            // The worker has not created the task hub yet: nothing to seal.
        }

        return marked;
    }

    /// <summary>Seals the instance's events that are not sealed yet; returns how many it sealed.</summary>
    public async Task<int> SealAsync(string instanceId, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        NullableResponse<TableEntity> indexRow = await storage.SealIndex.GetEntityIfExistsAsync<TableEntity>(instanceId, "", cancellationToken: cancellation);
        TableEntity? index = indexRow.HasValue ? indexRow.Value : null;
        long next = index?.GetInt64("Count") ?? 0;
        string head = index?.GetString("Head") ?? SealChain.Genesis;
        string? execution = index?.GetString("ExecutionId");

        List<HistoryRecord> records = await _reader.ReadAsync(instanceId, next, cancellation);
        if (records.Count > 0 && execution is not null && records[0].ExecutionId != execution)
        {
            // The instance was started again under the same id: a new execution starts a new chain.
            (next, head) = (0, SealChain.Genesis);
            records = await _reader.ReadAsync(instanceId, 0, cancellation);
        }

        var lines = new List<SealLine>();
        DateTimeOffset now = clock.GetUtcNow();
        foreach (HistoryRecord record in records)
        {
            if (record.Seq != next)
            {
                break;
            }

            head = SealChain.Next(head, record);
            lines.Add(new SealLine(record.ExecutionId, record.Seq, head, now));
            execution = record.ExecutionId;
            next++;
        }

        if (lines.Count == 0)
        {
            return 0;
        }

        await _log.AppendAsync(instanceId, lines, cancellation);
        var updated = new TableEntity(instanceId, "")
        {
            ["Count"] = next,
            ["Head"] = head,
            ["ExecutionId"] = execution,
            ["SealedAt"] = now,
        };
        try
        {
            if (index is null)
            {
                await storage.SealIndex.AddEntityAsync(updated, cancellation);
            }
            else
            {
                await storage.SealIndex.UpdateEntityAsync(updated, index.ETag, TableUpdateMode.Replace, cancellation);
            }
        }
        catch (RequestFailedException raced) when (raced.Status is 409 or 412)
        {
            // Another sealer sealed the same events at the same time; its lines and ours are the same.
        }

        return lines.Count;
    }
}
