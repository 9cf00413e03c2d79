using System.Text.Json.Serialization;

namespace AnnualReview.Durable.History;

/// <summary>
/// One event in an instance's history. A single flat shape keeps storage and the audit view simple;
/// which fields are set depends on <see cref="Type"/>.
/// </summary>
public sealed record HistoryEvent
{
    public HistoryEventType Type { get; init; }

    /// <summary>For actions (scheduled task, timer, sub-orchestration, sent event): their id in this execution; otherwise -1.</summary>
    public int EventId { get; init; } = -1;

    public DateTime Timestamp { get; init; }

    /// <summary>Activity, orchestrator or event name.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Version { get; init; }

    /// <summary>JSON input of a start, task, sub-orchestration or event.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Input { get; init; }

    /// <summary>JSON result of a completion.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Result { get; init; }

    /// <summary>For completions and fired timers: the id of the action they answer.</summary>
    public int TaskScheduledId { get; init; } = -1;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? FireAt { get; init; }

    /// <summary>The other instance involved: a sub-orchestration's id, an event's target.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InstanceId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ExecutionId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TaskFailureDetails? Failure { get; init; }

    /// <summary>The id of the queue message that delivered this event, for duplicate detection and audit.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MessageId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ParentInstance? Parent { get; init; }

    /// <summary>For ExecutionCompleted: the final status name.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }

    /// <summary>For ExecutionStarted after continue-as-new: events carried over from the previous execution.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HistoryEvent>? Carryover { get; init; }

    public bool IsAction => Type is HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated
        or HistoryEventType.SubOrchestrationInstanceCreated or HistoryEventType.EventSent;

    public string Describe() => Name is null ? $"{Type} #{EventId}" : $"{Type} '{Name}' #{EventId}";
}

/// <summary>Who started a sub-orchestration, so its completion can be reported back.</summary>
public sealed record ParentInstance(string InstanceId, string ExecutionId, int TaskScheduledId, string Name);
