namespace AnnualReview.Durable;

/// <summary>What went wrong in an activity, sub-orchestration or orchestration, as kept in history.</summary>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace = null, TaskFailureDetails? InnerFailure = null)
{
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException tfe)
        {
            return new TaskFailureDetails(nameof(TaskFailedException), tfe.Message, tfe.StackTrace, tfe.FailureDetails);
        }

        return new TaskFailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException));
    }

    public bool IsCausedBy<T>() where T : Exception => ErrorType == typeof(T).FullName;

    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}

/// <summary>Thrown into orchestrator code when an activity or sub-orchestration it awaited failed.</summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails.ErrorMessage}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    public TaskFailedException()
        : this("unknown", -1, new TaskFailureDetails("unknown", "unknown"))
    {
    }

    public TaskFailedException(string message)
        : this("unknown", -1, new TaskFailureDetails("unknown", message))
    {
    }

    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        TaskName = "unknown";
        FailureDetails = TaskFailureDetails.FromException(innerException);
    }

    public string TaskName { get; } = "unknown";

    public int TaskId { get; }

    public TaskFailureDetails FailureDetails { get; }
}

/// <summary>
/// The orchestrator's code no longer matches its recorded history (a changed activity name, a removed timer).
/// The instance fails with this message instead of silently doing something else.
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    public NonDeterministicOrchestrationException(int position, string expected, string actual)
        : base($"Non-deterministic orchestration: at history position {position} the history has {expected} but the code did {actual}.")
    {
        Position = position;
        Expected = expected;
        Actual = actual;
    }

    public NonDeterministicOrchestrationException()
        : this(-1, "unknown", "unknown")
    {
    }

    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
        Expected = Actual = "unknown";
    }

    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Expected = Actual = "unknown";
    }

    /// <summary>The action's event id in history (the n-th scheduled action of the execution).</summary>
    public int Position { get; }

    public string Expected { get; }

    public string Actual { get; }
}
