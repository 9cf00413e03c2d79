using Azure;
using Azure.Data.Tables;
using AnnualReview.Durable.History;
using AnnualReview.Durable.Storage;

namespace AnnualReview.Durable.Client;

/// <summary>Starts, reads, signals and removes instances (Durable Task's client, plus history and verification).</summary>
public sealed class DurableTaskClient
{
    private readonly TaskHubStorage _storage;
    private readonly InstanceStore _store;
    private readonly IndexStore _index;
    private readonly MessageSender _sender;
    private readonly TimeProvider _clock;

    internal DurableTaskClient(TaskHubStorage storage, MessageSender sender)
    {
        _storage = storage;
        _store = new InstanceStore(storage);
        _index = new IndexStore(storage);
        _sender = sender;
        _clock = storage.Options.TimeProvider;
    }

    public string TaskHubName => _storage.Options.TaskHubName;

    /// <summary>
    /// Starts an instance. Idempotent for a given instance id: if it exists already, nothing changes and its
    /// id is returned. While the instance's control queue is deep the call waits (back-pressure).
    /// </summary>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName);
        string instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        InstanceIds.Validate(instanceId);
        await _storage.Depths.WaitForRoomAsync(_storage.PartitionOf(instanceId), cancellation);

        DateTimeOffset now = _clock.GetUtcNow();
        var state = new InstanceState
        {
            InstanceId = instanceId,
            Name = orchestratorName,
            Version = options?.Version ?? "",
            ExecutionId = Guid.NewGuid().ToString("N"),
            Status = OrchestrationRuntimeStatus.Pending,
            CreatedTime = now,
            LastUpdatedTime = now,
            Input = DataConverter.Serialize(input),

            // The client writes the index row itself right after; a worker loading this row need not.
            IndexStale = false,
            ScheduledStartTime = options?.StartAt is { } at && at > now ? at : null,
        };
        if (!await _store.TryAddStateAsync(state, cancellation))
        {
            // Exists already. If an earlier attempt died before sending its start, finish that start
            // (same execution, same message id); otherwise there is nothing to do.
            InstanceState? existing = await _store.GetStateAsync(instanceId, cancellation);
            if (existing is null || existing.Status != OrchestrationRuntimeStatus.Pending || existing.NextSeq > 0)
            {
                return instanceId;
            }

            state = existing;
        }

        await _index.UpsertAsync(state, cancellation);
        if (state.ScheduledStartTime is { } startAt && startAt > now)
        {
            TaskMessage start = StartMessagesFor(state);
            start = start with { Event = start.Event with { FireAt = startAt.UtcDateTime } };
            await _sender.SendAsync(new OutboxItem(OutboxDestination.Timer, start), cancellation);
        }
        else
        {
            await _sender.SendToControlAsync(StartMessagesFor(state), cancellation);
        }

        return instanceId;
    }

    /// <summary>Raises an event on an instance. Throws <see cref="InstanceNotFoundException"/> if it does not exist.</summary>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        await RequireAsync(instanceId, cancellation);
        await SendControlAsync(instanceId, new HistoryEvent { Type = HistoryEventType.EventRaised, Name = eventName, Input = DataConverter.Serialize(eventPayload) }, cancellation);
    }

    public async Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellation = default)
    {
        await RequireAsync(instanceId, cancellation);
        await SendControlAsync(instanceId, new HistoryEvent { Type = HistoryEventType.ExecutionTerminated, Input = DataConverter.Serialize(output) }, cancellation);
    }

    public async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        await RequireAsync(instanceId, cancellation);
        await SendControlAsync(instanceId, new HistoryEvent { Type = HistoryEventType.ExecutionSuspended, Input = DataConverter.Serialize(reason) }, cancellation);
    }

    public async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        await RequireAsync(instanceId, cancellation);
        await SendControlAsync(instanceId, new HistoryEvent { Type = HistoryEventType.ExecutionResumed, Input = DataConverter.Serialize(reason) }, cancellation);
    }

    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        InstanceState? state = await _store.GetStateAsync(instanceId, cancellation);
        return state is null ? null : ToMetadata(state, getInputsAndOutputs);
    }

    /// <summary>Lists instances page by page, filtered by status, name, created range and id prefix.</summary>
    public AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? query = null, CancellationToken cancellation = default)
    {
        query ??= new OrchestrationQuery();
        return new InstancePages(this, query, cancellation);
    }

    /// <summary>One page of instances and the token for the next (null at the end).</summary>
    public async Task<(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken)> GetInstancesPageAsync(OrchestrationQuery query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (page, token) = await _index.QueryPageAsync(query, query.ContinuationToken, cancellation);
        if (query.FetchInputsAndOutputs)
        {
            page = [.. await Task.WhenAll(page.Select(async m => await GetInstanceAsync(m.InstanceId, true, cancellation) ?? m))];
        }

        return (page, token);
    }

    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            OrchestrationMetadata? metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation);
            if (metadata is { IsCompleted: true })
            {
                return metadata;
            }

            await Task.Delay(delay, cancellation);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 500));
        }
    }

    public async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, CancellationToken cancellation = default)
    {
        while (true)
        {
            OrchestrationMetadata? metadata = await GetInstanceAsync(instanceId, false, cancellation);
            if (metadata is not null && metadata.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
            {
                return metadata;
            }

            await Task.Delay(50, cancellation);
        }
    }

    /// <summary>Reads an instance's full history (every execution) and verifies its hash chain.</summary>
    public async Task<InstanceHistory?> GetHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        InstanceState? state = await _store.GetStateAsync(instanceId, cancellation);
        if (state is null)
        {
            return null;
        }

        List<HistoryRow> rows = await _store.GetHistoryRowsAsync(instanceId, 0, cancellation);
        return new InstanceHistory(instanceId, rows, HistoryVerifier.Verify(instanceId, rows, state));
    }

    public async Task<HistoryVerification?> VerifyHistoryAsync(string instanceId, CancellationToken cancellation = default)
        => (await GetHistoryAsync(instanceId, cancellation))?.Verification;

    /// <summary>Archives an ended instance's history to a blob, then deletes the instance. False if it does not exist or is still running.</summary>
    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default)
    {
        InstanceState? state = await _store.GetStateAsync(instanceId, cancellation);
        if (state is null || !state.Status.IsTerminal())
        {
            return new PurgeResult(0);
        }

        await new Retention(_storage, _store).ArchiveAndDeleteAsync(state, cancellation);
        await _index.DeleteAsync(instanceId, cancellation);
        return new PurgeResult(1);
    }

    /// <summary>Purges every ended instance matching the filter (retention by age or status).</summary>
    public async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = filter.Statuses is { Count: > 0 }
            ? filter.Statuses.Where(s => s.IsTerminal()).ToList()
            : [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];
        if (statuses.Count == 0)
        {
            return new PurgeResult(0);
        }

        var query = new OrchestrationQuery { Statuses = statuses, CreatedFrom = filter.CreatedFrom, CreatedTo = filter.CreatedTo, PageSize = 500 };
        var ids = new List<string>();
        await foreach (OrchestrationMetadata instance in GetAllInstancesAsync(query, cancellation))
        {
            ids.Add(instance.InstanceId);
        }

        int purged = 0;
        foreach (string id in ids)
        {
            purged += (await PurgeInstanceAsync(id, cancellation)).PurgedInstanceCount;
        }

        return new PurgeResult(purged);
    }

    /// <summary>The archive blob written when the instance was purged, as JSON Lines; null if there is none.</summary>
    public async Task<string?> GetArchivedHistoryAsync(string instanceId, CancellationToken cancellation = default)
        => await new Retention(_storage, _store).ReadArchiveAsync(instanceId, cancellation);

    private sealed class InstancePages(DurableTaskClient client, OrchestrationQuery query, CancellationToken cancellation) : AsyncPageable<OrchestrationMetadata>
    {
        public override async IAsyncEnumerable<Page<OrchestrationMetadata>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            string? token = continuationToken ?? query.ContinuationToken;
            OrchestrationQuery paged = pageSizeHint is { } size ? query with { PageSize = size } : query;
            do
            {
                var (page, next) = await client.GetInstancesPageAsync(paged with { ContinuationToken = token }, cancellation);
                yield return Page<OrchestrationMetadata>.FromValues(page, next, new NoResponse());
                token = next;
            }
            while (token is not null);
        }
    }

    /// <summary>Pages built from several storage responses have no single raw response to show.</summary>
    private sealed class NoResponse : Response
    {
        public override int Status => 200;

        public override string ReasonPhrase => "OK";

        public override Stream? ContentStream { get; set; }

        public override string ClientRequestId { get; set; } = "";

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<Azure.Core.HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
        {
            value = null;
            return false;
        }

        protected override bool TryGetHeaderValues(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = null;
            return false;
        }
    }

    private async Task RequireAsync(string instanceId, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        NullableResponse<TableEntity> row = await _storage.InstancesFor(instanceId).GetEntityIfExistsAsync<TableEntity>(instanceId, InstanceStore.StateRowKey, ["Status"], cancellation);
        if (!row.HasValue)
        {
            throw new InstanceNotFoundException(instanceId);
        }
    }

    private Task SendControlAsync(string instanceId, HistoryEvent e, CancellationToken cancellation)
        => _sender.SendToControlAsync(new TaskMessage
        {
            Id = "client|" + Guid.NewGuid().ToString("N"),
            InstanceId = instanceId,
            Event = e with { Timestamp = _clock.GetUtcNow().UtcDateTime },
        }, cancellation);

    private static TaskMessage StartMessagesFor(InstanceState state) => Worker.StartMessages.For(state, null);

    private static OrchestrationMetadata ToMetadata(InstanceState state, bool withPayloads) => new(state.Name, state.InstanceId)
    {
        RuntimeStatus = state.Status,
        CreatedAt = state.CreatedTime,
        LastUpdatedAt = state.LastUpdatedTime,
        CompletedAt = state.CompletedTime,
        SerializedInput = withPayloads ? state.Input : null,
        SerializedOutput = withPayloads ? state.Output : null,
        SerializedCustomStatus = state.CustomStatus,
        FailureDetails = state.Failure,
        Version = state.Version,
        ExecutionId = state.ExecutionId,
        ParentInstanceId = state.Parent?.InstanceId,
    };
}

/// <summary>Thrown when an operation names an instance that does not exist.</summary>
public sealed class InstanceNotFoundException : Exception
{
    public InstanceNotFoundException(string instanceId)
        : base($"No instance with id '{instanceId}' exists.")
    {
        InstanceId = instanceId;
    }

    public InstanceNotFoundException()
        : this("(unknown)")
    {
    }

    public InstanceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        InstanceId = "(unknown)";
    }

    public string InstanceId { get; }
}

internal static class InstanceIds
{
    /// <summary>Instance ids become table keys, so the characters tables forbid are refused up front.</summary>
    public static void Validate(string instanceId)
    {
        if (instanceId.Length is 0 or > 256 || instanceId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException($"Instance id '{instanceId}' must be 1–256 characters without '/', '\\', '#', '?' or control characters.", nameof(instanceId));
        }
    }
}
