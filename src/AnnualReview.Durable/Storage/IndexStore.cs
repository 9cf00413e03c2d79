using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using AnnualReview.Durable.Client;

namespace AnnualReview.Durable.Storage;

/// <summary>
/// One row per instance for listing and filtering (status, name, created range, id prefix). It follows the
/// instance row after each status change; the instance row stays the source of truth.
/// </summary>
internal sealed class IndexStore(TaskHubStorage storage)
{
    private const int MaxCustomStatusChars = 8_000;

    /// <summary>Rows this store wrote last, by instance: a later write of the same row replaces on that ETag without reading first.</summary>
    private readonly ConcurrentDictionary<string, (ETag ETag, long Seq)> _written = new(StringComparer.Ordinal);

    /// <summary>
    /// Writes the instance's row unless a later step already wrote it. Two workers may flush steps of the same
    /// instance concurrently (one applies an activity result while the other is still sending its outbox), so
    /// a plain upsert could let an older status overwrite a newer one and leave the listing wrong for good.
    /// The row carries the step sequence it was written from, and replaces are conditional on its ETag.
    /// </summary>
    public async Task UpsertAsync(InstanceState state, CancellationToken cancellation)
    {
        TableEntity entity = ToEntity(state);
        // The common case: this worker wrote the row last, from an earlier step (steps of one instance commit
        // in sequence order), so the replace can go straight on the remembered ETag. Anyone else's write in
        // between changes the ETag, and the 412 sends us to the read-and-compare path below.
        if (_written.TryRemove(state.InstanceId, out (ETag ETag, long Seq) remembered))
        {
            if (remembered.Seq > state.NextSeq)
            {
                // A later step's row is already written (this flush is the late one of two): keep it.
                Remember(state.InstanceId, remembered.ETag, remembered.Seq);
                return;
            }

            try
            {
                Remember(state.InstanceId, (await storage.Index.UpdateEntityAsync(entity, remembered.ETag, TableUpdateMode.Replace, cancellation)).Headers.ETag, state.NextSeq);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
            }
        }

        for (int attempt = 0; attempt < 5; attempt++)
        {
            NullableResponse<TableEntity> existing = await storage.Index.GetEntityIfExistsAsync<TableEntity>(state.InstanceId, "", [SeqColumn], cancellation);
            try
            {
                if (!existing.HasValue)
                {
                    Remember(state.InstanceId, (await storage.Index.AddEntityAsync(entity, cancellation)).Headers.ETag, state.NextSeq);
                    return;
                }

                TableEntity current = existing.Value!;
                // Sequences keep growing across ContinueAsNew executions, so they order every write of this instance.
                if ((current.GetInt64(SeqColumn) ?? -1) > state.NextSeq)
                {
                    return;
                }

                Remember(state.InstanceId, (await storage.Index.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellation)).Headers.ETag, state.NextSeq);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Someone wrote the row between our read and write: read again and decide again.
            }
        }
    }

    private void Remember(string instanceId, ETag? etag, long seq)
    {
        if (etag is not { } known)
        {
            return;
        }

        if (_written.Count >= MaxRemembered)
        {
            // A bounded memory, not an LRU: forgetting only costs the read that the remembered ETag saves.
            _written.Clear();
        }

        _written.AddOrUpdate(instanceId, (known, seq), (_, other) => other.Seq > seq ? other : (known, seq));
    }

    private const int MaxRemembered = 20_000;

    private const string SeqColumn = "Seq";

    private static TableEntity ToEntity(InstanceState state) => new(state.InstanceId, "")
    {
        ["Name"] = state.Name,
        ["Version"] = state.Version,
        ["ExecutionId"] = state.ExecutionId,
        ["Status"] = state.Status.ToString(),
        ["CreatedTime"] = state.CreatedTime,
        ["LastUpdatedTime"] = state.LastUpdatedTime,
        ["CompletedTime"] = state.CompletedTime,
        ["ScheduledStartTime"] = state.ScheduledStartTime,
        ["ParentInstanceId"] = state.Parent?.InstanceId,
        ["CustomStatus"] = state.CustomStatus is { Length: <= MaxCustomStatusChars } custom ? custom : null,
        [SeqColumn] = state.NextSeq,
    };

    public Task DeleteAsync(string instanceId, CancellationToken cancellation)
    {
        _written.TryRemove(instanceId, out _);
        return storage.Index.DeleteEntityAsync(instanceId, "", ETag.All, cancellation);
    }

    public async Task<(List<OrchestrationMetadata> Page, string? ContinuationToken)> QueryPageAsync(OrchestrationQuery query, string? continuationToken, CancellationToken cancellation)
    {
        string filter = BuildFilter(query);
        int pageSize = Math.Clamp(query.PageSize, 1, 1000);
        var pages = storage.Index.QueryAsync<TableEntity>(filter.Length == 0 ? null : filter, maxPerPage: pageSize, cancellationToken: cancellation)
            .AsPages(continuationToken, pageSize);
        await foreach (Page<TableEntity> page in pages)
        {
            return ([.. page.Values.Select(ToMetadata)], page.ContinuationToken);
        }

        return ([], null);
    }

    public static string BuildFilter(OrchestrationQuery query)
    {
        var parts = new List<string>();
        if (query.InstanceIdPrefix is { Length: > 0 } prefix)
        {
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix + '\uffff'}"));
        }

        if (query.CreatedFrom is { } from)
        {
            parts.Add(TableClient.CreateQueryFilter($"CreatedTime ge {from}"));
        }

        if (query.CreatedTo is { } to)
        {
            parts.Add(TableClient.CreateQueryFilter($"CreatedTime le {to}"));
        }

        if (query.Statuses is { Count: > 0 } statuses)
        {
            parts.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")");
        }

        if (query.Name is { Length: > 0 } name)
        {
            parts.Add(TableClient.CreateQueryFilter($"Name eq {name}"));
        }

        return string.Join(" and ", parts);
    }

    private static OrchestrationMetadata ToMetadata(TableEntity e) => new(e.GetString("Name") ?? "", e.PartitionKey)
    {
        RuntimeStatus = Enum.Parse<OrchestrationRuntimeStatus>(e.GetString("Status") ?? nameof(OrchestrationRuntimeStatus.Pending)),
        CreatedAt = e.GetDateTimeOffset("CreatedTime") ?? default,
        LastUpdatedAt = e.GetDateTimeOffset("LastUpdatedTime") ?? default,
        CompletedAt = e.GetDateTimeOffset("CompletedTime"),
        SerializedCustomStatus = e.GetString("CustomStatus"),
        Version = e.GetString("Version") ?? "",
        ExecutionId = e.GetString("ExecutionId") ?? "",
        ParentInstanceId = e.GetString("ParentInstanceId"),
    };
}
