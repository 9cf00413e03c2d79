using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;
using AnnualReview.Durable.Replay;
using AnnualReview.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace AnnualReview.Durable.Worker;

/// <summary>A step ready to commit: the new state, its history row, and the current execution's events after it.</summary>
internal sealed record Step(InstanceState State, bool IsNew, List<(long Seq, string ExecutionId, IReadOnlyList<HistoryEvent> Events)> Rows, List<HistoryEvent> CurrentEvents);

/// <summary>
/// Turns applied events into a step: runs the orchestrator over its history, records its new actions,
/// and decides which messages the step releases (activities and sub-orchestrations up to the fan-out bounds).
/// </summary>
internal sealed class StepBuilder(DurableTaskRegistry registry, IServiceProvider services, int maxOutstanding, int maxStarting, ILoggerFactory loggers)
{
    public Step Build(CachedInstance? entry, IReadOnlyList<HistoryEvent> applied, DateTime now)
    {
        bool isNew = entry is null;
        InstanceState state = isNew ? NewState(applied[0], now) : entry!.State.Clone();
        List<HistoryEvent> past = isNew ? [] : entry!.Events;
        OrchestrationRuntimeStatus statusBefore = isNew ? OrchestrationRuntimeStatus.Pending : state.Status;
        string? customStatusBefore = state.CustomStatus;
        string executionId = state.ExecutionId;

        var stepEvents = new List<HistoryEvent> { new() { Type = HistoryEventType.OrchestratorStarted, Timestamp = now } };
        var outbox = new List<OutboxItem>();
        bool ended = false;
        foreach (HistoryEvent incoming in applied)
        {
            HistoryEvent e = incoming with { Timestamp = now };
            switch (e.Type)
            {
                case HistoryEventType.ExecutionStarted:
                    string version = string.IsNullOrEmpty(e.Version) ? registry.DefaultVersion(state.Name) ?? "" : e.Version;
                    e = e with { Version = version, Carryover = null };
                    state.Version = version;
                    state.Input = e.Input;
                    state.Status = OrchestrationRuntimeStatus.Running;
                    stepEvents.Add(e);
                    if (isNew && state.Parent is not null)
                    {
                        state.StartNoticePending = true;
                    }

                    foreach (HistoryEvent carried in incoming.Carryover ?? [])
                    {
                        stepEvents.Add(carried with { Timestamp = now });
                    }

                    continue;
                case HistoryEventType.ExecutionTerminated:
                    stepEvents.Add(e);
                    End(state, OrchestrationRuntimeStatus.Terminated, e.Input, null, now, stepEvents, outbox);
                    ended = true;
                    break;
                case HistoryEventType.ExecutionSuspended when state.Status == OrchestrationRuntimeStatus.Running:
                    state.Status = OrchestrationRuntimeStatus.Suspended;
                    break;
                case HistoryEventType.ExecutionResumed when state.Status == OrchestrationRuntimeStatus.Suspended:
                    state.Status = OrchestrationRuntimeStatus.Running;
                    break;
                case HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed:
                    state.Outstanding = Math.Max(0, state.Outstanding - 1);
                    break;
                case HistoryEventType.SubOrchestrationInstanceCompleted or HistoryEventType.SubOrchestrationInstanceFailed
                    when !Recorded(past, stepEvents, HistoryEventType.SubOrchestrationInstanceStarted, e.TaskScheduledId):
                    state.Outstanding = Math.Max(0, state.Outstanding - 1);
                    state.StartingChildren = Math.Max(0, state.StartingChildren - 1);
                    break;
                case HistoryEventType.SubOrchestrationInstanceStarted
                    when !Recorded(past, stepEvents, HistoryEventType.SubOrchestrationInstanceCompleted, e.TaskScheduledId)
                        && !Recorded(past, stepEvents, HistoryEventType.SubOrchestrationInstanceFailed, e.TaskScheduledId):
                    // Sub-orchestrations may wait for weeks; they hold a fan-out slot only until they start.
                    state.Outstanding = Math.Max(0, state.Outstanding - 1);
                    state.StartingChildren = Math.Max(0, state.StartingChildren - 1);
                    break;
            }

            if (ended)
            {
                break;
            }

            stepEvents.Add(e);
        }

        if (!ended && state.Status == OrchestrationRuntimeStatus.Running)
        {
            RunOrchestrator(state, past, stepEvents, outbox, now);
        }

        if (state.Status == OrchestrationRuntimeStatus.Running || state.Status == OrchestrationRuntimeStatus.Suspended)
        {
            ReleaseBacklog(state, past, stepEvents, outbox);
            if (state.StartNoticePending && state.Outstanding == 0 && state.Backlog.Count == 0 && state.Parent is { } parent)
            {
                outbox.Add(StartedNotice(state.InstanceId, parent, now));
                state.StartNoticePending = false;
            }
        }

        long seq = state.NextSeq;
        state.NextSeq = seq + 1;
        state.LastUpdatedTime = now;
        state.Outbox = outbox;
        state.IndexStale = state.Status != statusBefore || state.CustomStatus != customStatusBefore || isNew;
        var rows = new List<(long, string, IReadOnlyList<HistoryEvent>)> { (seq, executionId, stepEvents) };
        List<HistoryEvent> current;
        if (state.ExecutionId != executionId)
        {
            state.ExecutionStartSeq = state.NextSeq;
            current = [];
        }
        else
        {
            current = [.. past, .. stepEvents];
        }

        return new Step(state, isNew, rows, current);
    }

    /// <summary>A failed step for a poisoned message: no code runs, the instance ends Failed with the reason.</summary>
    public static Step BuildFailure(CachedInstance entry, TaskFailureDetails failure, DateTime now)
    {
        InstanceState state = entry.State.Clone();
        var stepEvents = new List<HistoryEvent> { new() { Type = HistoryEventType.OrchestratorStarted, Timestamp = now } };
        var outbox = new List<OutboxItem>();
        End(state, OrchestrationRuntimeStatus.Failed, null, failure, now, stepEvents, outbox);
        long seq = state.NextSeq;
        state.NextSeq = seq + 1;
        state.LastUpdatedTime = now;
        state.Outbox = outbox;
        state.IndexStale = true;
        return new Step(state, false, [(seq, state.ExecutionId, stepEvents)], [.. entry.Events, .. stepEvents]);
    }

    private static InstanceState NewState(HistoryEvent started, DateTime now) => new()
    {
        InstanceId = started.InstanceId ?? throw new InvalidDataException("A start event must name its instance."),
        Name = started.Name ?? "",
        ExecutionId = started.ExecutionId ?? throw new InvalidDataException("A start event must name its execution."),
        Status = OrchestrationRuntimeStatus.Pending,
        CreatedTime = now,
        Parent = started.Parent,
    };

    private void RunOrchestrator(InstanceState state, List<HistoryEvent> past, List<HistoryEvent> stepEvents, List<OutboxItem> outbox, DateTime now)
    {
        ITaskOrchestrator? orchestrator = registry.CreateOrchestrator(state.Name, state.Version, services);
        if (orchestrator is null)
        {
            string known = string.Join(", ", registry.VersionsOf(state.Name).Select(v => v.Length == 0 ? "(unversioned)" : v));
            var failure = new TaskFailureDetails("OrchestratorVersionNotRegistered",
                $"Orchestrator '{state.Name}' version '{state.Version}' is not registered in this deployment (registered: {(known.Length == 0 ? "none" : known)}). The instance was stopped instead of being replayed by other code.");
            End(state, OrchestrationRuntimeStatus.Failed, null, failure, now, stepEvents, outbox);
            return;
        }

        var info = new ExecutionInfo(state.InstanceId, state.ExecutionId, state.Name, state.Version);
        ExecutionResult result = OrchestrationExecutor.Execute(info, orchestrator, past, stepEvents, loggers);
        state.CustomStatus = result.CustomStatus;
        foreach (HistoryEvent action in result.NewActions)
        {
            stepEvents.Add(action with { Timestamp = now });
            switch (action.Type)
            {
                case HistoryEventType.TimerCreated:
                    outbox.Add(new OutboxItem(OutboxDestination.Timer, new TaskMessage
                    {
                        Id = MessageIds.Timer(state.InstanceId, state.ExecutionId, action.EventId),
                        InstanceId = state.InstanceId,
                        ExecutionId = state.ExecutionId,
                        Event = new HistoryEvent { Type = HistoryEventType.TimerFired, TaskScheduledId = action.EventId, FireAt = action.FireAt, Timestamp = now },
                    }));
                    break;
                case HistoryEventType.EventSent:
                    outbox.Add(new OutboxItem(OutboxDestination.Control, new TaskMessage
                    {
                        Id = MessageIds.SentEvent(state.InstanceId, state.ExecutionId, action.EventId),
                        InstanceId = action.InstanceId!,
                        Event = new HistoryEvent { Type = HistoryEventType.EventRaised, Name = action.Name, Input = action.Input, Timestamp = now },
                    }));
                    break;
                default:
                    state.Backlog.Add(action.EventId);
                    break;
            }
        }

        switch (result.CompletionStatus)
        {
            case OrchestrationRuntimeStatus.Completed:
            case OrchestrationRuntimeStatus.Failed:
                End(state, result.CompletionStatus.Value, result.Output, result.Failure, now, stepEvents, outbox);
                break;
            case OrchestrationRuntimeStatus.ContinuedAsNew:
                stepEvents.Add(new HistoryEvent { Type = HistoryEventType.ContinueAsNew, Input = result.ContinueAsNewInput, Timestamp = now });
                string next = DeterministicIds.From(state.InstanceId, state.ExecutionId, "continue-as-new");
                outbox.Add(new OutboxItem(OutboxDestination.Control, new TaskMessage
                {
                    Id = MessageIds.Start(state.InstanceId, next),
                    InstanceId = state.InstanceId,
                    ExecutionId = next,
                    Event = new HistoryEvent
                    {
                        Type = HistoryEventType.ExecutionStarted,
                        Name = state.Name,
                        Version = state.Version,
                        Input = result.ContinueAsNewInput,
                        InstanceId = state.InstanceId,
                        ExecutionId = next,
                        Parent = state.Parent,
                        Timestamp = now,
                        Carryover = result.Carryover.Count == 0 ? null : result.Carryover,
                    },
                }));
                state.ExecutionId = next;
                state.Input = result.ContinueAsNewInput;
                state.InputStored = false;
                state.Backlog.Clear();
                state.Outstanding = 0;
                state.StartingChildren = 0;
                break;
        }
    }

    private static void End(InstanceState state, OrchestrationRuntimeStatus status, string? output, TaskFailureDetails? failure, DateTime now, List<HistoryEvent> stepEvents, List<OutboxItem> outbox)
    {
        state.Status = status;
        state.Output = output;
        state.Failure = failure;
        state.CompletedTime = now;
        state.Backlog.Clear();
        state.Outstanding = 0;
        state.StartingChildren = 0;
        state.StartNoticePending = false;
        stepEvents.Add(new HistoryEvent { Type = HistoryEventType.ExecutionCompleted, Status = status.ToString(), Result = output, Failure = failure, Timestamp = now });
        if (state.Parent is { } parent)
        {
            bool succeeded = status == OrchestrationRuntimeStatus.Completed;
            outbox.Add(new OutboxItem(OutboxDestination.Control, new TaskMessage
            {
                Id = MessageIds.SubOrchestrationResult(parent.InstanceId, parent.ExecutionId, parent.TaskScheduledId),
                InstanceId = parent.InstanceId,
                ExecutionId = parent.ExecutionId,
                Event = new HistoryEvent
                {
                    Type = succeeded ? HistoryEventType.SubOrchestrationInstanceCompleted : HistoryEventType.SubOrchestrationInstanceFailed,
                    TaskScheduledId = parent.TaskScheduledId,
                    Result = succeeded ? output : null,
                    Failure = succeeded ? null : failure ?? new TaskFailureDetails(status.ToString(), $"Sub-orchestration '{state.InstanceId}' ended {status}: {output}"),
                    Timestamp = now,
                },
            }));
        }
    }

    private static bool Recorded(List<HistoryEvent> past, List<HistoryEvent> stepEvents, HistoryEventType type, int taskId)
        => past.Exists(e => e.Type == type && e.TaskScheduledId == taskId) || stepEvents.Exists(e => e.Type == type && e.TaskScheduledId == taskId);

    private static OutboxItem StartedNotice(string childId, ParentInstance parent, DateTime now) => new(OutboxDestination.Control, new TaskMessage
    {
        Id = $"{parent.InstanceId}|{parent.ExecutionId}|started|{parent.TaskScheduledId}",
        InstanceId = parent.InstanceId,
        ExecutionId = parent.ExecutionId,
        Event = new HistoryEvent { Type = HistoryEventType.SubOrchestrationInstanceStarted, TaskScheduledId = parent.TaskScheduledId, InstanceId = childId, Timestamp = now },
    });

    /// <summary>
    /// Releases waiting activities and sub-orchestrations, oldest first, while fewer than the bound are in
    /// flight and, for sub-orchestrations, fewer than the starting bound are still starting.
    /// </summary>
    private void ReleaseBacklog(InstanceState state, List<HistoryEvent> past, List<HistoryEvent> stepEvents, List<OutboxItem> outbox)
    {
        if (state.Backlog.Count == 0 || state.Outstanding >= maxOutstanding)
        {
            return;
        }

        var actions = new Dictionary<int, HistoryEvent>();
        foreach (HistoryEvent e in past.Concat(stepEvents))
        {
            if (e.Type is HistoryEventType.TaskScheduled or HistoryEventType.SubOrchestrationInstanceCreated)
            {
                actions[e.EventId] = e;
            }
        }

        int released = 0;
        while (state.Outstanding < maxOutstanding && released < state.Backlog.Count)
        {
            HistoryEvent action = actions[state.Backlog[released]];
            bool isActivity = action.Type == HistoryEventType.TaskScheduled;
            if (!isActivity && state.StartingChildren >= maxStarting)
            {
                break;
            }

            released++;
            state.Outstanding++;
            if (!isActivity)
            {
                state.StartingChildren++;
            }

            outbox.Add(isActivity ? ActivityCall(state, action) : SubOrchestrationStart(state, action));
        }

        state.Backlog.RemoveRange(0, released);
    }

    private static OutboxItem ActivityCall(InstanceState state, HistoryEvent action) => new(OutboxDestination.WorkItem, new TaskMessage
    {
        Id = MessageIds.Activity(state.InstanceId, state.ExecutionId, action.EventId),
        InstanceId = state.InstanceId,
        ExecutionId = state.ExecutionId,
        Event = action,
    });

    private static OutboxItem SubOrchestrationStart(InstanceState state, HistoryEvent action)
    {
        string childId = action.InstanceId!;
        string childExecution = DeterministicIds.From(state.InstanceId, state.ExecutionId, action.EventId);
        return new OutboxItem(OutboxDestination.Control, new TaskMessage
        {
            Id = MessageIds.Start(childId, childExecution),
            InstanceId = childId,
            ExecutionId = childExecution,
            Event = new HistoryEvent
            {
                Type = HistoryEventType.ExecutionStarted,
                Name = action.Name,
                Version = action.Version,
                Input = action.Input,
                InstanceId = childId,
                ExecutionId = childExecution,
                Parent = new ParentInstance(state.InstanceId, state.ExecutionId, action.EventId, state.Name),
                Timestamp = action.Timestamp,
            },
        });
    }
}
