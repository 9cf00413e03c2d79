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

    /// <summary>
    /// Writes the instance's row unless a later step already wrote it. Two workers may flush steps of the same
    /// instance concurrently (one applies an activity result while the other is still sending its outbox), so
    /// a plain upsert could let an older status overwrite a newer one and leave the listing wrong for good.
    /// The row carries the step sequence it was written from, and replaces are conditional on its ETag.
    /// </summary>
    public async Task UpsertAsync(InstanceState state, CancellationToken cancellation)
    {
        TableEntity entity = ToEntity(state);
        for (int attempt = 0; attempt < 5; attempt++)
        {
            NullableResponse<TableEntity> existing = await storage.Index.GetEntityIfExistsAsync<TableEntity>(state.InstanceId, "", [SeqColumn], cancellation);
            try
            {
                if (!existing.HasValue)
                {
                    await storage.Index.AddEntityAsync(entity, cancellation);
                    return;
                }

                TableEntity current = existing.Value!;
                // Sequences keep growing across ContinueAsNew executions, so they order every write of this instance.
                if ((current.GetInt64(SeqColumn) ?? -1) > state.NextSeq)
                {
                    return;
                }

                await storage.Index.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellation);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Someone wrote the row between our read and write: read again and decide again.
            }
        }
    }

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
        => storage.Index.DeleteEntityAsync(instanceId, "", ETag.All, cancellation);

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
