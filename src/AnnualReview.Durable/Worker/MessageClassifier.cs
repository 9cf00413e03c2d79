using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;
using AnnualReview.Durable.Storage;

namespace AnnualReview.Durable.Worker;

/// <summary>
/// Decides for each message whether it is new, a duplicate (already in history), stale (for an ended
/// execution) or early (its instance or scheduling step is not committed yet). History is the only record
/// of what was applied, so duplicates are recognised without extra storage.
/// </summary>
internal static class MessageClassifier
{
    public static StepPlan Classify(CachedInstance? entry, IReadOnlyList<TaskMessage> messages)
    {
        var plan = new StepPlan();
        var scheduled = new HashSet<int>();
        var answered = new HashSet<int>();
        var seenMessages = new HashSet<string>(StringComparer.Ordinal);
        if (entry is not null)
        {
            foreach (HistoryEvent e in entry.Events)
            {
                if (e.IsAction)
                {
                    scheduled.Add(e.EventId);
                }
                else if (e.TaskScheduledId >= 0 && e.Type != HistoryEventType.SubOrchestrationInstanceStarted)
                {
                    answered.Add(e.TaskScheduledId);
                }

                if (e.MessageId is not null)
                {
                    seenMessages.Add(e.MessageId);
                }
            }
        }

        bool started = entry is not null && entry.Events.Count > 0;
        foreach (TaskMessage message in messages)
        {
            if (!seenMessages.Add(message.Id))
            {
                plan.Outcomes[message.Id] = MessageOutcome.Done;
                continue;
            }

            MessageOutcome outcome = Decide(entry, started, message, scheduled, answered, plan);
            plan.Outcomes[message.Id] = outcome;
        }

        return plan;
    }

    private static MessageOutcome Decide(CachedInstance? entry, bool started, TaskMessage message, HashSet<int> scheduled, HashSet<int> answered, StepPlan plan)
    {
        HistoryEvent e = message.Event with { MessageId = message.Id };
        if (e.Type == HistoryEventType.ExecutionStarted)
        {
            return DecideStart(entry, started, message, e, plan);
        }

        if (entry is null)
        {
            // An event for an instance that does not exist yet (a sub-orchestration being created): wait.
            return MessageOutcome.Defer;
        }

        InstanceState state = entry.State;
        if (state.Status.IsTerminalStatus())
        {
            return MessageOutcome.Done;
        }

        if (message.ExecutionId is not null && message.ExecutionId != state.ExecutionId)
        {
            return MessageOutcome.Done;
        }

        if (!started)
        {
            return e.Type == HistoryEventType.ExecutionTerminated ? Apply(plan, e) : MessageOutcome.Defer;
        }

        switch (e.Type)
        {
            case HistoryEventType.TaskCompleted:
            case HistoryEventType.TaskFailed:
            case HistoryEventType.TimerFired:
            case HistoryEventType.SubOrchestrationInstanceCompleted:
            case HistoryEventType.SubOrchestrationInstanceFailed:
                if (answered.Contains(e.TaskScheduledId))
                {
                    return MessageOutcome.Done;
                }

                if (!scheduled.Contains(e.TaskScheduledId))
                {
                    return MessageOutcome.Defer;
                }

                answered.Add(e.TaskScheduledId);
                return Apply(plan, e);
            default:
                return Apply(plan, e);
        }
    }

    private static MessageOutcome DecideStart(CachedInstance? entry, bool started, TaskMessage message, HistoryEvent e, StepPlan plan)
    {
        if (entry is null)
        {
            // Sub-orchestrations are created by their first step; client starts create the row first,
            // so a client start without a row was purged meanwhile.
            return e.Parent is null ? MessageOutcome.Done : Apply(plan, e);
        }

        InstanceState state = entry.State;
        if (message.ExecutionId == state.ExecutionId)
        {
            return started ? MessageOutcome.Done : Apply(plan, e);
        }

        if (e.Parent is not null && e.Parent != state.Parent)
        {
            plan.Replies.Add(new OutboxItem(OutboxDestination.Control, new TaskMessage
            {
                Id = MessageIds.SubOrchestrationResult(e.Parent.InstanceId, e.Parent.ExecutionId, e.Parent.TaskScheduledId),
                InstanceId = e.Parent.InstanceId,
                ExecutionId = e.Parent.ExecutionId,
                Event = new HistoryEvent
                {
                    Type = HistoryEventType.SubOrchestrationInstanceFailed,
                    TaskScheduledId = e.Parent.TaskScheduledId,
                    Timestamp = e.Timestamp,
                    Failure = new TaskFailureDetails("InstanceAlreadyExists", $"An instance with id '{message.InstanceId}' already exists."),
                },
            }));
        }

        return MessageOutcome.Done;
    }

    private static MessageOutcome Apply(StepPlan plan, HistoryEvent e)
    {
        plan.Apply.Add(e);
        return MessageOutcome.Done;
    }
}
