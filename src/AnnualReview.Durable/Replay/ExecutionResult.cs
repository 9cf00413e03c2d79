using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;

namespace AnnualReview.Durable.Replay;

/// <summary>What one run of orchestrator code over its history decided.</summary>
internal sealed class ExecutionResult
{
    /// <summary>Actions the code took that history does not have yet, as the events that record them.</summary>
    public List<HistoryEvent> NewActions { get; } = [];

    /// <summary>Null while the orchestration is still running.</summary>
    public OrchestrationRuntimeStatus? CompletionStatus { get; set; }

    public string? Output { get; set; }

    public TaskFailureDetails? Failure { get; set; }

    public string? ContinueAsNewInput { get; set; }

    /// <summary>Events received but not awaited, carried into the next execution by continue-as-new.</summary>
    public List<HistoryEvent> Carryover { get; } = [];

    public string? CustomStatus { get; set; }
}

/// <summary>Identity of the execution being replayed.</summary>
internal sealed record ExecutionInfo(string InstanceId, string ExecutionId, string Name, string Version);
