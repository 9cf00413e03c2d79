namespace AnnualReview.Durable.Client;

/// <summary>An instance's status, with Durable Task's names and numbers.</summary>
public enum OrchestrationRuntimeStatus
{
    Running = 0,
    Completed = 1,
    ContinuedAsNew = 2,
    Failed = 3,
    Canceled = 4,
    Terminated = 5,
    Pending = 6,
    Suspended = 7,
}

public static class OrchestrationRuntimeStatusExtensions
{
    public static bool IsTerminal(this OrchestrationRuntimeStatus status)
        => status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;
}
