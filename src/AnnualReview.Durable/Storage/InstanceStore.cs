using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;

namespace AnnualReview.Durable.Storage;

/// <summary>
/// Reads and writes instance rows and history rows. A step is one entity group transaction: the instance
/// row (checked by ETag) and the step's new history row(s) commit together or not at all.
/// </summary>
internal sealed class InstanceStore(TaskHubStorage storage)
{
    public const string StateRowKey = "!state";
    private const int MaxInlineChars = 30_000;
    private readonly PayloadStore _payloads = new(storage.Payloads);

    public PayloadStore Payloads => _payloads;

    public static string HistoryRowKey(long seq) => "h" + seq.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<InstanceState?> GetStateAsync(string instanceId, CancellationToken cancellation)
    {
        NullableResponse<TableEntity> response = await storage.InstancesFor(instanceId).GetEntityIfExistsAsync<TableEntity>(instanceId, StateRowKey, cancellationToken: cancellation);
        return response.HasValue ? await ReadStateAsync(response.Value!, cancellation) : null;
    }

    /// <summary>Loads the rows of an instance's history from <paramref name="fromSeq"/> on (a range query: off the hot path).</summary>
    public async Task<List<HistoryRow>> GetHistoryRowsAsync(string instanceId, long fromSeq, CancellationToken cancellation)
    {
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and RowKey ge {HistoryRowKey(fromSeq)} and RowKey lt {"i"}");
        var rows = new List<HistoryRow>();
        await foreach (TableEntity entity in storage.InstancesFor(instanceId).QueryAsync<TableEntity>(filter, cancellationToken: cancellation))
        {
            rows.Add(await ReadHistoryRowAsync(entity, cancellation));
        }

        return rows;
    }

    /// <summary>
    /// Loads history rows whose keys are known from the state row. Few rows are fetched by point reads, whose
    /// cost on Azurite does not grow with the table; long histories fall back to one range query.
    /// </summary>
    public async Task<List<HistoryRow>> GetKnownHistoryRowsAsync(string instanceId, long fromSeq, long toSeqExclusive, CancellationToken cancellation)
    {
        const int MaxPointReads = 8;
        if (toSeqExclusive - fromSeq > MaxPointReads)
        {
            return await GetHistoryRowsAsync(instanceId, fromSeq, cancellation);
        }

        var reads = new List<Task<Response<TableEntity>>>();
        for (long seq = fromSeq; seq < toSeqExclusive; seq++)
        {
            reads.Add(storage.InstancesFor(instanceId).GetEntityAsync<TableEntity>(instanceId, HistoryRowKey(seq), cancellationToken: cancellation));
        }

        var rows = new List<HistoryRow>();
        foreach (Response<TableEntity> read in await Task.WhenAll(reads))
        {
            rows.Add(await ReadHistoryRowAsync(read.Value, cancellation));
        }

        return rows;
    }

    public async Task<HistoryRow> ReadHistoryRowAsync(TableEntity entity, CancellationToken cancellation)
    {
        string json = entity.GetString("EventsBlob") is { } blob
            ? await _payloads.ReadAsync(blob, cancellation)
            : entity.GetString("Events") ?? "[]";
        return new HistoryRow(
            entity.GetInt64("Seq") ?? 0,
            entity.GetString("ExecutionId") ?? "",
            HistoryRow.DeserializeEvents(json),
            entity.GetString("PrevHash") ?? "",
            entity.GetString("Hash") ?? "",
            entity.Timestamp) { EventsJson = json };
    }

    /// <summary>
    /// Commits a step: the new state and the new history rows in one transaction. Returns the new ETag, or
    /// null if another worker changed the instance first (the caller reloads and retries).
    /// </summary>
    public async Task<ETag?> CommitAsync(InstanceState state, bool isNew, IReadOnlyList<(long Seq, string ExecutionId, IReadOnlyList<HistoryEvent> Events)> rows, CancellationToken cancellation)
    {
        var blobWrites = new List<Task>();
        var actions = new List<TableTransactionAction>();
        string previous = state.LastHash;
        var historyEntities = new List<TableEntity>();
        foreach (var (seq, executionId, events) in rows)
        {
            string json = HistoryRow.SerializeEvents(events);
            string hash = HashChain.Compute(previous, state.InstanceId, seq, executionId, json);
            var entity = new TableEntity(state.InstanceId, HistoryRowKey(seq))
            {
                ["Seq"] = seq,
                ["ExecutionId"] = executionId,
                ["PrevHash"] = previous,
                ["Hash"] = hash,
                ["EventCount"] = events.Count,
            };
            if (json.Length > MaxInlineChars)
            {
                string blob = PayloadStore.InstanceBlob(state.InstanceId, "history-" + HistoryRowKey(seq));
                blobWrites.Add(_payloads.WriteAsync(blob, json, cancellation));
                entity["EventsBlob"] = blob;
            }
            else
            {
                entity["Events"] = json;
            }

            historyEntities.Add(entity);
            previous = hash;
        }

        state.LastHash = previous;
        TableEntity stateEntity = WriteState(state, blobWrites, cancellation);
        await Task.WhenAll(blobWrites);

        actions.Add(isNew
            ? new TableTransactionAction(TableTransactionActionType.Add, stateEntity)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, stateEntity, state.ETag));
        actions.AddRange(historyEntities.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));

        try
        {
            Response<IReadOnlyList<Response>> response = await storage.InstancesFor(state.InstanceId).SubmitTransactionAsync(actions, cancellation);
            state.InputStored = true;
            ETag? etag = response.Value[0].Headers.ETag;
            return etag ?? (await storage.InstancesFor(state.InstanceId).GetEntityAsync<TableEntity>(state.InstanceId, StateRowKey, cancellationToken: cancellation)).Value.ETag;
        }
        catch (TableTransactionFailedException failed) when (failed.Status is 409 or 412)
        {
            return null;
        }
        catch (RequestFailedException failed) when (failed.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Writes the state row alone (no history), checked by ETag; used by the client for creation.</summary>
    public async Task<bool> TryAddStateAsync(InstanceState state, CancellationToken cancellation)
    {
        var blobWrites = new List<Task>();
        TableEntity entity = WriteState(state, blobWrites, cancellation);
        await Task.WhenAll(blobWrites);
        try
        {
            Response response = await storage.InstancesFor(state.InstanceId).AddEntityAsync(entity, cancellation);
            state.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            return false;
        }
    }

    private TableEntity WriteState(InstanceState state, List<Task> blobWrites, CancellationToken cancellation)
    {
        var entity = new TableEntity(state.InstanceId, StateRowKey)
        {
            ["Name"] = state.Name,
            ["Version"] = state.Version,
            ["ExecutionId"] = state.ExecutionId,
            ["Status"] = state.Status.ToString(),
            ["CreatedTime"] = state.CreatedTime,
            ["LastUpdatedTime"] = state.LastUpdatedTime,
            ["CompletedTime"] = state.CompletedTime,
            ["ScheduledStartTime"] = state.ScheduledStartTime,
            ["Failure"] = state.Failure is null ? null : JsonSerializer.Serialize(state.Failure, DataConverter.Options),
            ["Parent"] = state.Parent is null ? null : JsonSerializer.Serialize(state.Parent, DataConverter.Options),
            ["NextSeq"] = state.NextSeq,
            ["ExecutionStartSeq"] = state.ExecutionStartSeq,
            ["LastHash"] = state.LastHash,
            ["Backlog"] = state.Backlog.Count == 0 ? null : string.Join(',', state.Backlog),
            ["Outstanding"] = state.Outstanding,
            ["StartingChildren"] = state.StartingChildren,
            ["StartNoticePending"] = state.StartNoticePending,
            ["IndexStale"] = state.IndexStale,
        };
        // Input and output never change within an execution, so their blob is written once; status and
        // outbox change every step and get a blob per step, so a failed commit never alters what a committed row points to.
        PutText(entity, "Input", state.Input, $"Input-{state.ExecutionId}", !state.InputStored, blobWrites, cancellation);
        PutText(entity, "Output", state.Output, $"Output-{state.ExecutionId}", true, blobWrites, cancellation);
        PutText(entity, "CustomStatus", state.CustomStatus, $"CustomStatus-{state.NextSeq}", true, blobWrites, cancellation);
        string? outbox = state.Outbox.Count == 0 ? null : JsonSerializer.Serialize(state.Outbox, DataConverter.Options);
        PutText(entity, "Outbox", outbox, $"Outbox-{state.NextSeq}", true, blobWrites, cancellation);
        return entity;
    }

    private void PutText(TableEntity entity, string property, string? text, string blobName, bool write, List<Task> blobWrites, CancellationToken cancellation)
    {
        if (text is null || text.Length <= MaxInlineChars)
        {
            entity[property] = text;
            return;
        }

        string blob = PayloadStore.InstanceBlob(entity.PartitionKey, blobName);
        if (write)
        {
            blobWrites.Add(_payloads.WriteAsync(blob, text, cancellation));
        }

        entity[property + "Blob"] = blob;
    }

    private async Task<string?> GetTextAsync(TableEntity entity, string property, CancellationToken cancellation)
        => entity.GetString(property + "Blob") is { } blob ? await _payloads.ReadAsync(blob, cancellation) : entity.GetString(property);

    public async Task<InstanceState> ReadStateAsync(TableEntity entity, CancellationToken cancellation, bool withPayloads = true)
    {
        string? outbox = await GetTextAsync(entity, "Outbox", cancellation);
        var state = new InstanceState
        {
            InstanceId = entity.PartitionKey,
            Name = entity.GetString("Name") ?? "",
            Version = entity.GetString("Version") ?? "",
            ExecutionId = entity.GetString("ExecutionId") ?? "",
            Status = Enum.Parse<OrchestrationRuntimeStatus>(entity.GetString("Status") ?? nameof(OrchestrationRuntimeStatus.Pending)),
            CreatedTime = entity.GetDateTimeOffset("CreatedTime") ?? default,
            LastUpdatedTime = entity.GetDateTimeOffset("LastUpdatedTime") ?? default,
            CompletedTime = entity.GetDateTimeOffset("CompletedTime"),
            ScheduledStartTime = entity.GetDateTimeOffset("ScheduledStartTime"),
            Input = withPayloads ? await GetTextAsync(entity, "Input", cancellation) : null,
            Output = withPayloads ? await GetTextAsync(entity, "Output", cancellation) : null,
            CustomStatus = await GetTextAsync(entity, "CustomStatus", cancellation),
            Failure = entity.GetString("Failure") is { } failure ? JsonSerializer.Deserialize<TaskFailureDetails>(failure, DataConverter.Options) : null,
            Parent = entity.GetString("Parent") is { } parent ? JsonSerializer.Deserialize<ParentInstance>(parent, DataConverter.Options) : null,
            NextSeq = entity.GetInt64("NextSeq") ?? 0,
            ExecutionStartSeq = entity.GetInt64("ExecutionStartSeq") ?? 0,
            LastHash = entity.GetString("LastHash") ?? HashChain.Genesis,
            Outbox = outbox is null ? [] : JsonSerializer.Deserialize<List<OutboxItem>>(outbox, DataConverter.Options) ?? [],
            Backlog = entity.GetString("Backlog") is { Length: > 0 } backlog
                ? [.. backlog.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))]
                : [],
            Outstanding = entity.GetInt32("Outstanding") ?? 0,
            StartingChildren = entity.GetInt32("StartingChildren") ?? 0,
            StartNoticePending = entity.GetBoolean("StartNoticePending") ?? false,
            IndexStale = entity.GetBoolean("IndexStale") ?? false,
            ETag = entity.ETag,
            InputStored = entity.GetString("InputBlob") is not null,
        };
        return state;
    }
}
