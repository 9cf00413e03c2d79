using AnnualReview.Durable.History;

namespace AnnualReview.Durable.Client;

/// <summary>What a client sees of an instance (Durable Task's shape).</summary>
public sealed record OrchestrationMetadata(string Name, string InstanceId)
{
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public string? SerializedInput { get; init; }

    public string? SerializedOutput { get; init; }

    public string? SerializedCustomStatus { get; init; }

    public TaskFailureDetails? FailureDetails { get; init; }

    public string Version { get; init; } = "";

    public string ExecutionId { get; init; } = "";

    public string? ParentInstanceId { get; init; }

    public bool IsRunning => RuntimeStatus == OrchestrationRuntimeStatus.Running;

    public bool IsCompleted => RuntimeStatus.IsTerminal();

    public T? ReadInputAs<T>() => DataConverter.Deserialize<T>(SerializedInput);

    public T? ReadOutputAs<T>() => DataConverter.Deserialize<T>(SerializedOutput);

    public T? ReadCustomStatusAs<T>() => DataConverter.Deserialize<T>(SerializedCustomStatus);
}

/// <summary>Filters for listing instances; every filter is optional.</summary>
public sealed record OrchestrationQuery
{
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    public string? InstanceIdPrefix { get; init; }

    public string? Name { get; init; }

    public int PageSize { get; init; } = 100;

    public string? ContinuationToken { get; init; }

    public bool FetchInputsAndOutputs { get; init; }
}

/// <summary>Filters for purging instances; only ended instances are ever purged.</summary>
public sealed record PurgeInstancesFilter(DateTimeOffset? CreatedFrom = null, DateTimeOffset? CreatedTo = null, IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null);

public sealed record PurgeResult(int PurgedInstanceCount);

/// <summary>Options for starting an instance.</summary>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
{
    /// <summary>The orchestrator version to run; the worker's default when null.</summary>
    public string? Version { get; init; }
}

/// <summary>The result of checking an instance's hash chain.</summary>
public sealed record HistoryVerification
{
    public required string InstanceId { get; init; }

    public bool IsIntact { get; init; }

    public int RowCount { get; init; }

    public int EventCount { get; init; }

    /// <summary>The hash the chain ends in (of the last row), when intact.</summary>
    public string? LastHash { get; init; }

    /// <summary>The first row that does not verify, by its sequence number.</summary>
    public long? FirstBrokenSeq { get; init; }

    public string? StoredHash { get; init; }

    public string? ComputedHash { get; init; }

    public string? Reason { get; init; }
}

/// <summary>An instance's whole history, all executions, with the verification of its chain.</summary>
public sealed record InstanceHistory(string InstanceId, IReadOnlyList<Storage.HistoryRow> Rows, HistoryVerification Verification)
{
    public IEnumerable<HistoryEvent> Events => Rows.SelectMany(r => r.Events);
}
