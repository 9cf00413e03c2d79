using System.Security.Cryptography;
using System.Text;
using AnnualReview.Durable.History;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnualReview.Durable.Replay;

/// <summary>
/// The context orchestrator code runs against during one replay. It records the actions the code takes
/// (matched against history by id) and completes the code's tasks as the executor feeds history events.
/// </summary>
internal sealed class ReplayContext : TaskOrchestrationContext
{
    private readonly ExecutionInfo _info;
    private readonly ILoggerFactory _loggers;
    private readonly SortedDictionary<int, EmittedAction> _emitted = [];
    private readonly Dictionary<int, Action<HistoryEvent>> _completions = [];
    private readonly List<HistoryEvent> _buffered = [];
    private readonly List<EventWaiter> _waiters = [];
    private int _nextEventId;
    private int _guidCounter;

    public ReplayContext(ExecutionInfo info, ILoggerFactory? loggers)
    {
        _info = info;
        _loggers = loggers ?? NullLoggerFactory.Instance;
    }

    public override string Name => _info.Name;

    public override string InstanceId => _info.InstanceId;

    public override string Version => _info.Version;

    public override DateTime CurrentUtcDateTime => CurrentTime;

    public override bool IsReplaying => Replaying;

    internal DateTime CurrentTime { get; set; }

    internal bool Replaying { get; set; }

    internal string? RawInput { get; set; }

    internal string? CustomStatusJson { get; private set; }

    internal (bool Requested, string? Input, bool PreserveEvents) ContinueAsNewRequest { get; private set; }

    public override T? GetInput<T>() where T : default => DataConverter.Deserialize<T>(RawInput);

    public override async Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        string? inputJson = DataConverter.Serialize(input);
        string? raw = await WithRetry(options?.Retry, () => Schedule(new HistoryEvent
        {
            Type = HistoryEventType.TaskScheduled,
            Name = name,
            Input = inputJson,
        }));
        return DataConverter.Deserialize<TResult>(raw)!;
    }

    public override async Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName);
        string? inputJson = DataConverter.Serialize(input);
        var sub = options as SubOrchestrationOptions;
        string? raw = await WithRetry(options?.Retry, () =>
        {
            // Each attempt gets its own instance id unless the caller named one, so a retry is a fresh instance.
            string childId = sub?.InstanceId ?? NewGuid().ToString("N");
            return Schedule(new HistoryEvent
            {
                Type = HistoryEventType.SubOrchestrationInstanceCreated,
                Name = orchestratorName,
                Version = sub?.Version,
                Input = inputJson,
                InstanceId = childId,
            });
        });
        return DataConverter.Deserialize<TResult>(raw)!;
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var fireAtUtc = DateTime.SpecifyKind(fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : fireAt, DateTimeKind.Utc);
        Task<string?> fired = Schedule(new HistoryEvent { Type = HistoryEventType.TimerCreated, FireAt = fireAtUtc });
        if (!cancellationToken.CanBeCanceled)
        {
            return fired;
        }

        var cancellable = new TaskCompletionSource();
        cancellationToken.Register(() => cancellable.TrySetCanceled(cancellationToken));
        fired.ContinueWith(_ => cancellable.TrySetResult(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return cancellable.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        int index = _buffered.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            HistoryEvent buffered = _buffered[index];
            _buffered.RemoveAt(index);
            return Task.FromResult(DataConverter.Deserialize<T>(buffered.Input)!);
        }

        var waiter = new EventWaiter(eventName);
        _waiters.Add(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                _waiters.Remove(waiter);
                waiter.Completion.TrySetCanceled(cancellationToken);
            });
        }

        return Convert<T>(waiter.Completion.Task);
    }

    public override void SendEvent(string instanceId, string eventName, object? payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        _ = Schedule(new HistoryEvent
        {
            Type = HistoryEventType.EventSent,
            Name = eventName,
            InstanceId = instanceId,
            Input = DataConverter.Serialize(payload),
        });
    }

    public override void SetCustomStatus(object? customStatus) => CustomStatusJson = DataConverter.Serialize(customStatus);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
        => ContinueAsNewRequest = (true, DataConverter.Serialize(newInput), preserveUnprocessedEvents);

    public override Guid NewGuid()
    {
        // Name-based: the same instance, execution and call count give the same GUID on every replay.
        string name = $"{_info.InstanceId}/{_info.ExecutionId}/{_guidCounter++}";
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        Span<byte> bytes = hash.AsSpan(0, 16);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    public override ILogger CreateReplaySafeLogger(string categoryName)
        => new ReplaySafeLogger(_loggers.CreateLogger(categoryName), this);

    /// <summary>Records an action the code took and returns the task its completion will finish.</summary>
    private Task<string?> Schedule(HistoryEvent action)
    {
        int id = _nextEventId++;
        var recorded = action with { EventId = id, Timestamp = CurrentTime };
        _emitted[id] = new EmittedAction(recorded);
        if (action.Type == HistoryEventType.EventSent)
        {
            return Task.FromResult<string?>(null);
        }

        var tcs = new TaskCompletionSource<string?>();
        _completions[id] = completion =>
        {
            switch (completion.Type)
            {
                case HistoryEventType.TaskFailed:
                case HistoryEventType.SubOrchestrationInstanceFailed:
                    tcs.TrySetException(new TaskFailedException(recorded.Name ?? recorded.Type.ToString(), id,
                        completion.Failure ?? new TaskFailureDetails("unknown", "no failure details")));
                    break;
                default:
                    tcs.TrySetResult(completion.Result);
                    break;
            }
        };
        return tcs.Task;
    }

    private async Task<string?> WithRetry(RetryPolicy? policy, Func<Task<string?>> attempt)
    {
        if (policy is null)
        {
            return await attempt();
        }

        DateTime started = CurrentUtcDateTime;
        for (int number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failure) when (number < policy.MaxNumberOfAttempts
                && (policy.HandleFailure is null || policy.HandleFailure(failure.FailureDetails)))
            {
                TimeSpan delay = policy.DelayBefore(number + 1);
                if (policy.RetryTimeout != Timeout.InfiniteTimeSpan && CurrentUtcDateTime + delay > started + policy.RetryTimeout)
                {
                    throw;
                }

                await CreateTimer(CurrentUtcDateTime + delay, CancellationToken.None);
            }
        }
    }

    private static async Task<T> Convert<T>(Task<string?> raw) => DataConverter.Deserialize<T>(await raw)!;

    /// <summary>History says action <paramref name="recorded"/> happened: the code must have taken the same action.</summary>
    internal void MatchAction(HistoryEvent recorded)
    {
        if (!_emitted.TryGetValue(recorded.EventId, out EmittedAction? emitted))
        {
            throw new NonDeterministicOrchestrationException(recorded.EventId, recorded.Describe(), "nothing (no action with this id)");
        }

        HistoryEvent actual = emitted.Action;
        bool same = actual.Type == recorded.Type
            && string.Equals(actual.Name, recorded.Name, StringComparison.Ordinal)
            && (actual.Type != HistoryEventType.SubOrchestrationInstanceCreated || actual.InstanceId == recorded.InstanceId);
        if (!same)
        {
            throw new NonDeterministicOrchestrationException(recorded.EventId, recorded.Describe(), actual.Describe());
        }

        emitted.Matched = true;
    }

    internal void Complete(HistoryEvent completion)
    {
        if (_completions.Remove(completion.TaskScheduledId, out Action<HistoryEvent>? complete))
        {
            complete(completion);
        }
    }

    internal void Raise(HistoryEvent raised)
    {
        int index = _waiters.FindIndex(w => string.Equals(w.Name, raised.Name, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            EventWaiter waiter = _waiters[index];
            _waiters.RemoveAt(index);
            waiter.Completion.TrySetResult(raised.Input);
            return;
        }

        _buffered.Add(raised);
    }

    internal IEnumerable<HistoryEvent> UnmatchedActions()
        => _emitted.Values.Where(a => !a.Matched).Select(a => a.Action);

    internal IReadOnlyList<HistoryEvent> BufferedEvents => _buffered;

    private sealed class EmittedAction(HistoryEvent action)
    {
        public HistoryEvent Action { get; } = action;

        public bool Matched { get; set; }
    }

    private sealed class EventWaiter(string name)
    {
        public string Name { get; } = name;

        public TaskCompletionSource<string?> Completion { get; } = new();
    }
}
