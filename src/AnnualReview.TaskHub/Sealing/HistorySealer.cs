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

    // What this sealer last wrote per instance, so a sweep does not read the index row again (checked by its ETag).
    private readonly ConcurrentDictionary<string, SealState> _known = new(StringComparer.Ordinal);
    private readonly HistoryReader _reader = new(storage);
    private readonly SealLog _log = new(storage);

    public int MarkedCount => _marked.Count;

    public void Mark(string instanceId) => _marked.TryAdd(instanceId, 0);

    /// <summary>Instances sealed side by side in a sweep: a burst of steps leaves hundreds marked at once.</summary>
    public int SweepParallelism { get; init; } = 8;

    /// <summary>Seals every marked instance; returns how many events it sealed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellation)
    {
        int sealedEvents = 0;
        List<string> marked = [.. _marked.Keys];
        await Parallel.ForEachAsync(marked, new ParallelOptions { MaxDegreeOfParallelism = SweepParallelism, CancellationToken = cancellation }, async (instanceId, token) =>
        {
            _marked.TryRemove(instanceId, out _);
            int count;
            try
            {
                count = await SealAsync(instanceId, token);
            }
            catch
            {
                Mark(instanceId);
                throw;
            }

            // Marked before its step was committed: it stays marked until a sweep finds nothing new.
            if (count > 0)
            {
                Mark(instanceId);
            }

            Interlocked.Add(ref sealedEvents, count);
        });
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
        SealState state = _known.TryGetValue(instanceId, out SealState? known) ? known : await ReadStateAsync(instanceId, cancellation);
        long next = state.Count;
        string head = state.Head;
        string? execution = state.ExecutionId;

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
            _known[instanceId] = state;
            return 0;
        }

        await _log.AppendAsync(instanceId, lines, createBlob: state.ETag is null, cancellation);
        var updated = new TableEntity(instanceId, "")
        {
            ["Count"] = next,
            ["Head"] = head,
            ["ExecutionId"] = execution,
            ["SealedAt"] = now,
        };
        try
        {
            Response response = state.ETag is { } etag
                ? await storage.SealIndex.UpdateEntityAsync(updated, etag, TableUpdateMode.Replace, cancellation)
                : await storage.SealIndex.AddEntityAsync(updated, cancellation);
            _known[instanceId] = new SealState(next, head, execution, response.Headers.ETag);
        }
        catch (RequestFailedException raced) when (raced.Status is 409 or 412)
        {
            // Another sealer sealed the same events at the same time; its lines and ours are the same. Read afresh next time.
            _known.TryRemove(instanceId, out _);
        }

        return lines.Count;
    }

    private async Task<SealState> ReadStateAsync(string instanceId, CancellationToken cancellation)
    {
        NullableResponse<TableEntity> row = await storage.SealIndex.GetEntityIfExistsAsync<TableEntity>(instanceId, "", cancellationToken: cancellation);
        return row.HasValue
            ? new SealState(row.Value!.GetInt64("Count") ?? 0, row.Value.GetString("Head") ?? SealChain.Genesis, row.Value.GetString("ExecutionId"), row.Value.ETag)
            : new SealState(0, SealChain.Genesis, null, null);
    }

    /// <summary>How far an instance is sealed: the events sealed, the chain's head, and the index row's ETag (null before the first seal).</summary>
    private sealed record SealState(long Count, string Head, string? ExecutionId, ETag? ETag);
}
