namespace AnnualReview.Durable.History;

/// <summary>The kinds of events in an instance's history (the names Durable Task uses).</summary>
public enum HistoryEventType
{
    ExecutionStarted,
    OrchestratorStarted,
    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    TimerCreated,
    TimerFired,
    SubOrchestrationInstanceCreated,
    SubOrchestrationInstanceCompleted,
    SubOrchestrationInstanceFailed,
    EventRaised,
    EventSent,
    ExecutionSuspended,
    ExecutionResumed,
    ExecutionTerminated,
    ExecutionCompleted,
    ContinueAsNew,

    /// <summary>A sub-orchestration committed its first step; its parent may release the next one (bounded fan-out).</summary>
    SubOrchestrationInstanceStarted,
}
