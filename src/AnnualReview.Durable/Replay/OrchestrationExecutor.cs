using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;
using Microsoft.Extensions.Logging;

namespace AnnualReview.Durable.Replay;

/// <summary>
/// Runs orchestrator code over its history: past events are replayed (the code must take the same actions),
/// new events are applied, and what the code does beyond history becomes the step's new actions.
/// Pure: no storage, no clock; history in, actions out.
/// </summary>
internal static class OrchestrationExecutor
{
    public static ExecutionResult Execute(
        ExecutionInfo info,
        ITaskOrchestrator orchestrator,
        IReadOnlyList<HistoryEvent> past,
        IReadOnlyList<HistoryEvent> newEvents,
        ILoggerFactory? loggers = null)
    {
        var scheduler = new OrchestratorTaskScheduler();
        var context = new ReplayContext(info, loggers);
        var result = new ExecutionResult();
        Task<object?>? running = null;

        try
        {
            int total = past.Count + newEvents.Count;
            for (int i = 0; i < total && !(running?.IsCompleted ?? false); i++)
            {
                HistoryEvent e = i < past.Count ? past[i] : newEvents[i - past.Count];
                context.Replaying = i < past.Count;
                switch (e.Type)
                {
                    case HistoryEventType.ExecutionStarted:
                        context.CurrentTime = e.Timestamp;
                        context.RawInput = e.Input;
                        object? input = DataConverter.Deserialize(e.Input, orchestrator.InputType);
                        running = Task.Factory.StartNew(
                            () => orchestrator.RunAsync(context, input),
                            CancellationToken.None,
                            TaskCreationOptions.None,
                            scheduler).Unwrap();
                        break;
                    case HistoryEventType.OrchestratorStarted:
                        context.CurrentTime = e.Timestamp;
                        break;
                    case HistoryEventType.TaskScheduled:
                    case HistoryEventType.TimerCreated:
                    case HistoryEventType.SubOrchestrationInstanceCreated:
                    case HistoryEventType.EventSent:
                        context.MatchAction(e);
                        break;
                    case HistoryEventType.TaskCompleted:
                    case HistoryEventType.TaskFailed:
                    case HistoryEventType.TimerFired:
                    case HistoryEventType.SubOrchestrationInstanceCompleted:
                    case HistoryEventType.SubOrchestrationInstanceFailed:
                        context.Complete(e);
                        break;
                    case HistoryEventType.EventRaised:
                        context.Raise(e);
                        break;
                    default:
                        // Suspend, resume, terminate and completion markers do not reach orchestrator code.
                        break;
                }

                scheduler.Drain();
            }

            context.Replaying = false;
            scheduler.Drain();
        }
        catch (NonDeterministicOrchestrationException nondeterminism)
        {
            result.CompletionStatus = OrchestrationRuntimeStatus.Failed;
            result.Failure = TaskFailureDetails.FromException(nondeterminism);
            return result;
        }

        result.CustomStatus = context.CustomStatusJson;
        if (running is null)
        {
            return result;
        }

        if (running.IsCompletedSuccessfully)
        {
            if (context.ContinueAsNewRequest.Requested)
            {
                result.CompletionStatus = OrchestrationRuntimeStatus.ContinuedAsNew;
                result.ContinueAsNewInput = context.ContinueAsNewRequest.Input;
                if (context.ContinueAsNewRequest.PreserveEvents)
                {
                    result.Carryover.AddRange(context.BufferedEvents);
                }
            }
            else
            {
                result.CompletionStatus = OrchestrationRuntimeStatus.Completed;
                result.Output = DataConverter.Serialize(running.Result);
            }
        }
        else if (running.IsFaulted || running.IsCanceled)
        {
            Exception error = running.Exception?.InnerException ?? new TaskCanceledException("The orchestrator was canceled.");
            result.CompletionStatus = OrchestrationRuntimeStatus.Failed;
            result.Failure = TaskFailureDetails.FromException(error);
        }

        // A completing orchestration may still send events; other new actions are pointless once it ends.
        result.NewActions.AddRange(context.UnmatchedActions()
            .Where(a => result.CompletionStatus is null || a.Type == HistoryEventType.EventSent));
        return result;
    }
}
