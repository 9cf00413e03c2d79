using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;
using AnnualReview.Durable.Hosting;
using AnnualReview.Durable.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnnualReview.Durable.Worker;

/// <summary>
/// Processes the task hub's messages. Two ways to drive it, one code path: it polls its own queues
/// (standalone, as a hosted service), or an outside trigger (the Functions host) hands it one message at a
/// time through <see cref="ProcessQueueMessageAsync"/> and calls <see cref="ProcessDueTimersAsync"/> periodically.
/// </summary>
public sealed class DurableTaskWorker : IHostedService, IAsyncDisposable
{
    private const int MaxDeferrals = 12;
    private readonly TaskHubStorage _storage;
    private readonly DurableTaskOptions _options;
    private readonly MessageSender _sender;
    private readonly OrchestrationProcessor _orchestrations;
    private readonly ActivityProcessor _activities;
    private readonly DeadLetterStore _deadLetters;
    private readonly InstanceCache _cache;
    private readonly ILogger _logger;
    private readonly AsyncSignal[] _controlSignals;
    private readonly SemaphoreSlim _orchestrationSlots;
    private readonly SemaphoreSlim _activitySlots;
    private CancellationTokenSource? _stopping;
    private readonly List<Task> _loops = [];
    private bool _created;

    internal DurableTaskWorker(TaskHubStorage storage, MessageSender sender, DurableTaskRegistry registry, IServiceProvider services, ILoggerFactory loggers)
    {
        _storage = storage;
        _options = storage.Options;
        _sender = sender;
        _logger = loggers.CreateLogger("AnnualReview.Durable.Worker");
        _cache = new InstanceCache(_options.MaxCachedInstances);
        _deadLetters = new DeadLetterStore(storage);
        var builder = new StepBuilder(registry, services, _options.MaxOutstandingPerInstance, _options.MaxStartingPerInstance, loggers);
        _orchestrations = new OrchestrationProcessor(new InstanceStore(storage), sender, new IndexStore(storage), _cache, builder, _options.TimeProvider, _logger);
        _activities = new ActivityProcessor(registry, services, _options.TimeProvider, _logger);
        _controlSignals = [.. storage.ControlQueues.Select(_ => new AsyncSignal())];
        _orchestrationSlots = new SemaphoreSlim(_options.MaxConcurrentOrchestrations);
        _activitySlots = new SemaphoreSlim(_options.MaxConcurrentActivities);
        sender.ControlMessageSent += partition => _controlSignals[partition].Set();
    }

    /// <summary>Instances held in this worker's cache (for status pages and memory checks).</summary>
    public int CachedInstanceCount => _cache.Count;

    public IReadOnlyList<string> ControlQueueNames => [.. _storage.ControlQueues.Select(q => q.Name)];

    public string WorkItemQueueName => _storage.WorkItems.Name;

    public async Task EnsureCreatedAsync(CancellationToken cancellation = default)
    {
        if (!_created)
        {
            await _storage.EnsureCreatedAsync(cancellation);
            _created = true;
        }
    }

    /// <summary>
    /// The "process this message" entry point: one queue message as received by someone else (the Functions
    /// host). Returns when it is handled; throws to have it delivered again. On its last allowed delivery a
    /// failing message is dead-lettered and its instance marked Failed, so the caller never loops on it.
    /// </summary>
    public async Task ProcessQueueMessageAsync(string queueName, string body, long dequeueCount, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (queueName == _storage.WorkItems.Name)
        {
            await HandleWorkItemAsync(queueName, body, dequeueCount, cancellation);
        }
        else if (_storage.IsControlQueue(queueName))
        {
            await HandleControlAsync(queueName, [(body, dequeueCount)], cancellation);
        }
        else
        {
            throw new ArgumentException($"Queue '{queueName}' does not belong to task hub '{_options.TaskHubName}'.", nameof(queueName));
        }
    }

    /// <summary>Moves due timers from the timer table to the control queues. Returns how many fired.</summary>
    public async Task<int> ProcessDueTimersAsync(CancellationToken cancellation = default)
    {
        string due = (_options.TimeProvider.GetUtcNow().UtcTicks + 1).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
        int fired = 0;
        // Each fired timer usually runs a step that schedules an activity, so the work-item queue needs room too.
        // Sampled only once a timer is due, so an idle pass costs no more than its queries.
        int? workRoom = null;
        Client.QueueDepthGauge depths = _storage.Depths;
        for (int p = 0; p < _storage.ControlQueues.Count && workRoom is null or > 0; p++)
        {
            string shard = "t" + p.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            string filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey lt {due}");
            await foreach (Page<TableEntity> page in _storage.Timers.QueryAsync<TableEntity>(filter, maxPerPage: 200, cancellationToken: cancellation).AsPages())
            {
                if (page.Values.Count == 0)
                {
                    break;
                }

                // Back-pressure: when thousands of timers fall due at once (every cell's reminder at 08:00), move
                // only what the control queue has room for; the rest stay due and go on the next passes.
                workRoom ??= _options.MaxWorkItemQueueDepth - await depths.DepthAsync(depths.WorkItemSlot).WaitAsync(cancellation);
                int room = Math.Min(workRoom.Value, _options.MaxControlQueueDepth - await depths.DepthAsync(p).WaitAsync(cancellation));
                if (room <= 0)
                {
                    break;
                }

                TableEntity[] moving = [.. page.Values.Take(room)];
                depths.Added(p, moving.Length);
                depths.Added(depths.WorkItemSlot, moving.Length);
                workRoom -= moving.Length;
                await Task.WhenAll(moving.Select(async row =>
                {
                    TaskMessage message = TaskMessage.Deserialize(row.GetString("Message") ?? "{}");
                    await _sender.SendToControlAsync(message, cancellation);
                    try
                    {
                        await _storage.Timers.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellation);
                    }
                    catch (RequestFailedException gone) when (gone.Status is 404 or 412)
                    {
                        // Another worker moved it first; its message id makes the duplicate harmless.
                    }

                    Interlocked.Increment(ref fired);
                }));
                break;
            }
        }

        return fired;
    }

    /// <summary>
    /// Re-sends the start message of instances created but never started (the client crashed between
    /// writing the instance and sending its start). Run periodically; the message id makes it idempotent.
    /// </summary>
    public async Task<int> RecoverPendingStartsAsync(TimeSpan olderThan, CancellationToken cancellation = default)
    {
        DateTimeOffset now = _options.TimeProvider.GetUtcNow();
        DateTimeOffset cutoff = now - olderThan;
        string filter = TableClient.CreateQueryFilter($"Status eq {nameof(OrchestrationRuntimeStatus.Pending)} and CreatedTime le {cutoff}");
        var store = new InstanceStore(_storage);
        int resent = 0;
        await foreach (TableEntity row in _storage.Index.QueryAsync<TableEntity>(filter, cancellationToken: cancellation))
        {
            if (row.GetDateTimeOffset("ScheduledStartTime") is { } startAt && startAt > now)
            {
                continue;
            }

            InstanceState? state = await store.GetStateAsync(row.PartitionKey, cancellation);
            if (state is null || state.Status != OrchestrationRuntimeStatus.Pending || state.NextSeq > 0)
            {
                continue;
            }

            await _sender.SendToControlAsync(StartMessages.For(state, null), cancellation);
            resent++;
        }

        return resent;
    }

    /// <summary>Approximate number of messages waiting in one of the task hub's queues.</summary>
    public async Task<int> GetQueueDepthAsync(string queueName, CancellationToken cancellation = default)
    {
        QueueClient queue = queueName == _storage.WorkItems.Name ? _storage.WorkItems
            : _storage.ControlQueues.FirstOrDefault(q => q.Name == queueName) ?? throw new ArgumentException($"Queue '{queueName}' is not in this task hub.", nameof(queueName));
        return (await queue.GetPropertiesAsync(cancellation)).Value.ApproximateMessagesCount;
    }

    public Task<List<DeadLetter>> GetDeadLettersAsync(string? instanceId = null, CancellationToken cancellation = default)
        => _deadLetters.ListAsync(instanceId, cancellation);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        if (!_options.PollQueues)
        {
            return;
        }

        _stopping = new CancellationTokenSource();
        CancellationToken stop = _stopping.Token;
        for (int p = 0; p < _storage.ControlQueues.Count; p++)
        {
            int partition = p;
            _loops.Add(Task.Run(() => PollControlQueueAsync(partition, stop), CancellationToken.None));
        }

        _loops.Add(Task.Run(() => PollWorkItemsAsync(stop), CancellationToken.None));
        _loops.Add(Task.Run(() => PeriodicAsync(_options.TimerPollingInterval, ProcessDueTimersAsync, stop), CancellationToken.None));
        // Lost starts are rare (a client dying between two calls) and the scan reads the whole index, so it runs
        // seldom and leaves alone instances that may simply be waiting behind a deep queue.
        _loops.Add(Task.Run(() => PeriodicAsync(TimeSpan.FromMinutes(5), c => RecoverPendingStartsAsync(TimeSpan.FromMinutes(10), c), stop), CancellationToken.None));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null)
        {
            return;
        }

        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: loops end by cancellation.
        }

        // Let in-flight steps finish so nothing is left half-sent by a clean shutdown.
        for (int i = 0; i < _options.MaxConcurrentOrchestrations; i++)
        {
            await _orchestrationSlots.WaitAsync(cancellationToken);
        }

        for (int i = 0; i < _options.MaxConcurrentActivities; i++)
        {
            await _activitySlots.WaitAsync(cancellationToken);
        }

        _orchestrationSlots.Release(_options.MaxConcurrentOrchestrations);
        _activitySlots.Release(_options.MaxConcurrentActivities);
        _loops.Clear();
        _stopping.Dispose();
        _stopping = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _orchestrationSlots.Dispose();
        _activitySlots.Dispose();
    }

    private async Task PollControlQueueAsync(int partition, CancellationToken stop)
    {
        QueueClient queue = _storage.ControlQueues[partition];
        var backoff = new PollingBackoff(_options.MaxPollingInterval);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                QueueMessage[] received = (await queue.ReceiveMessagesAsync(_options.MessageBatchSize, _options.MessageVisibilityTimeout, stop)).Value;
                if (received.Length == 0)
                {
                    await _controlSignals[partition].WaitAsync(backoff.Next(), stop);
                    continue;
                }

                backoff.Reset();
                foreach (var group in received.GroupBy(InstanceOf))
                {
                    await _orchestrationSlots.WaitAsync(stop);
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await HandleControlBatchAsync(queue, [.. group], stop);
                        }
                        finally
                        {
                            _orchestrationSlots.Release();
                        }
                    }, CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                _logger.LogError(error, "Polling control queue {Queue} failed; retrying.", queue.Name);
                await DelayQuietly(_options.MaxPollingInterval, stop);
            }
        }
    }

    private async Task PollWorkItemsAsync(CancellationToken stop)
    {
        QueueClient queue = _storage.WorkItems;
        var backoff = new PollingBackoff(_options.MaxPollingInterval);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _activitySlots.WaitAsync(stop);
                int free = _activitySlots.CurrentCount + 1;
                QueueMessage[] received;
                try
                {
                    received = (await queue.ReceiveMessagesAsync(Math.Min(_options.MessageBatchSize, free), _options.MessageVisibilityTimeout, stop)).Value;
                }
                finally
                {
                    _activitySlots.Release();
                }

                if (received.Length == 0)
                {
                    await DelayQuietly(backoff.Next(), stop);
                    continue;
                }

                backoff.Reset();
                foreach (QueueMessage message in received)
                {
                    await _activitySlots.WaitAsync(stop);
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            string receipt;
                            await using (var lease = new MessageLease(queue, message, _options.MessageVisibilityTimeout, _logger))
                            {
                                await HandleWorkItemAsync(queue.Name, message.Body.ToString(), message.DequeueCount, stop);
                                receipt = lease.PopReceipt;
                            }

                            await DeleteQuietly(queue, message.MessageId, receipt);
                        }
                        catch (Exception error) when (error is not OperationCanceledException)
                        {
                            _logger.LogWarning(error, "Work item {MessageId} failed; it will be delivered again.", message.MessageId);
                        }
                        catch (OperationCanceledException)
                        {
                            // Stopping: the message comes back after its visibility timeout.
                        }
                        finally
                        {
                            _activitySlots.Release();
                        }
                    }, CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                _logger.LogError(error, "Polling work items failed; retrying.");
                await DelayQuietly(_options.MaxPollingInterval, stop);
            }
        }
    }

    private async Task HandleControlBatchAsync(QueueClient queue, QueueMessage[] messages, CancellationToken stop)
    {
        try
        {
            await HandleControlAsync(queue.Name, [.. messages.Select(m => (m.Body.ToString(), m.DequeueCount))], stop);
            await Task.WhenAll(messages.Select(m => DeleteQuietly(queue, m)));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping: the messages come back after their visibility timeout.
        }
        catch (Exception error)
        {
            _logger.LogWarning(error, "Control messages for instance {InstanceId} failed; they will be delivered again.", InstanceOf(messages[0]));
        }
    }

    /// <summary>Handles messages for one instance; throws if they must be delivered again.</summary>
    private async Task HandleControlAsync(string queueName, IReadOnlyList<(string Body, long DequeueCount)> bodies, CancellationToken cancellation)
    {
        var messages = new List<(TaskMessage Message, long DequeueCount, string Body)>();
        foreach (var (body, dequeueCount) in bodies)
        {
            try
            {
                messages.Add((await _sender.DecodeAsync(body, cancellation), dequeueCount, body));
            }
            catch (Exception error) when (dequeueCount >= _options.MaxDequeueCount && error is not OperationCanceledException)
            {
                await DeadLetterAsync(queueName, null, body, dequeueCount, error, cancellation);
            }
        }

        if (messages.Count == 0)
        {
            return;
        }

        string instanceId = messages[0].Message.InstanceId;
        StepPlan plan;
        try
        {
            plan = await _orchestrations.ProcessAsync(instanceId, [.. messages.Select(m => m.Message)], cancellation);
        }
        catch (Exception error) when (error is not OperationCanceledException && messages.Any(m => m.DequeueCount >= _options.MaxDequeueCount))
        {
            foreach (var poisoned in messages)
            {
                await DeadLetterAsync(queueName, poisoned.Message, poisoned.Body, poisoned.DequeueCount, error, cancellation);
            }

            return;
        }

        foreach (var (message, dequeueCount, body) in messages)
        {
            if (plan.Outcomes.GetValueOrDefault(message.Id) == MessageOutcome.Defer)
            {
                await DeferAsync(queueName, message, body, dequeueCount, cancellation);
            }
        }
    }

    private async Task HandleWorkItemAsync(string queueName, string body, long dequeueCount, CancellationToken cancellation)
    {
        TaskMessage? call = null;
        try
        {
            call = await _sender.DecodeAsync(body, cancellation);
            TaskMessage result = await _activities.RunAsync(call, cancellation);
            await DeliverResultAsync(result, cancellation);
        }
        catch (Exception error) when (error is not OperationCanceledException && dequeueCount >= _options.MaxDequeueCount)
        {
            await DeadLetterAsync(queueName, call, body, dequeueCount, error, cancellation);
        }
    }

    /// <summary>
    /// Applies an activity's result to its instance right here, as a control-queue worker would, which saves
    /// sending and deleting a result message. The work item is deleted only after this returns, so a crash in
    /// between runs the activity again and its second result is recognised as a duplicate. If the instance
    /// cannot take the result now, the result goes to the control queue like any other message.
    /// </summary>
    private async Task DeliverResultAsync(TaskMessage result, CancellationToken cancellation)
    {
        try
        {
            StepPlan plan = await _orchestrations.ProcessAsync(result.InstanceId, [result], cancellation);
            if (plan.Outcomes.GetValueOrDefault(result.Id) != MessageOutcome.Defer)
            {
                return;
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            _logger.LogDebug(error, "Applying the result of {MessageId} in place failed; sending it to the control queue.", result.Id);
        }

        await _sender.SendToControlAsync(result, cancellation);
    }

    /// <summary>An early message goes back with a growing delay; one that stays early too long is dead-lettered.</summary>
    private async Task DeferAsync(string queueName, TaskMessage message, string body, long dequeueCount, CancellationToken cancellation)
    {
        if (message.Deferrals >= MaxDeferrals)
        {
            var error = new InvalidOperationException($"The message arrived before its instance or scheduling step existed and was still early after {MaxDeferrals} retries.");
            await DeadLetterAsync(queueName, message, body, dequeueCount, error, cancellation);
            return;
        }

        TimeSpan delay = TimeSpan.FromMilliseconds(Math.Min(250 * Math.Pow(2, message.Deferrals), 30_000));
        await _sender.EnqueueAsync(_storage.ControlQueueFor(message.InstanceId), message with { Deferrals = message.Deferrals + 1 }, cancellation, delay);
    }

    private async Task DeadLetterAsync(string queueName, TaskMessage? message, string body, long dequeueCount, Exception error, CancellationToken cancellation)
    {
        string instanceId = message?.InstanceId ?? TryReadInstanceId(body) ?? "(unknown)";
        string reason = DeadLetterStore.Describe(dequeueCount, error);
        _logger.LogError(error, "Message {MessageId} for instance {InstanceId} is poison and was dead-lettered.", message?.Id, instanceId);
        await _deadLetters.AddAsync(new DeadLetter(instanceId, message?.Id ?? DeterministicIds.From(body), queueName, reason, dequeueCount, _options.TimeProvider.GetUtcNow(), body), cancellation);
        if (instanceId != "(unknown)")
        {
            var failure = new TaskFailureDetails("PoisonMessage", $"A message for this instance ({message?.Event.Type.ToString() ?? "unreadable"}) was dead-lettered. {reason}");
            await _orchestrations.FailAsync(instanceId, failure, cancellation);
        }
    }

    private static string? TryReadInstanceId(string body)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            // Inline messages carry it in the message; blob envelopes carry it beside the blob's name.
            // Any other JSON (a string, an array) names no instance rather than throwing.
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            JsonElement holder = root.TryGetProperty("message", out JsonElement m) && m.ValueKind == JsonValueKind.Object ? m : root;
            return holder.TryGetProperty("instanceId", out JsonElement id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string InstanceOf(QueueMessage message) => TryReadInstanceId(message.Body.ToString()) ?? message.MessageId;

    private Task DeleteQuietly(QueueClient queue, QueueMessage message) => DeleteQuietly(queue, message.MessageId, message.PopReceipt);

    private async Task DeleteQuietly(QueueClient queue, string messageId, string popReceipt)
    {
        try
        {
            await queue.DeleteMessageAsync(messageId, popReceipt, CancellationToken.None);
        }
        catch (RequestFailedException error) when (error.Status is 404 or 400)
        {
            // Already gone or its receipt expired: it will be seen again and recognised as a duplicate.
            _logger.LogDebug(error, "Could not delete message {MessageId}.", messageId);
        }
    }

    private async Task PeriodicAsync(TimeSpan interval, Func<CancellationToken, Task<int>> work, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await work(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                _logger.LogWarning(error, "Periodic engine work failed; it runs again shortly.");
            }

            await DelayQuietly(interval, stop);
        }
    }

    private static async Task DelayQuietly(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Doubles the idle wait from 10 ms up to the maximum, and drops back at the first message.</summary>
    private sealed class PollingBackoff(TimeSpan max)
    {
        private TimeSpan _current = TimeSpan.Zero;

        public TimeSpan Next()
        {
            _current = _current == TimeSpan.Zero ? TimeSpan.FromMilliseconds(10) : TimeSpan.FromTicks(Math.Min(_current.Ticks * 2, max.Ticks));
            return _current;
        }

        public void Reset() => _current = TimeSpan.Zero;
    }
}

/// <summary>The start message of an instance, built from its stored state.</summary>
internal static class StartMessages
{
    public static TaskMessage For(InstanceState state, string? version) => new()
    {
        Id = MessageIds.Start(state.InstanceId, state.ExecutionId),
        InstanceId = state.InstanceId,
        ExecutionId = state.ExecutionId,
        Event = new HistoryEvent
        {
            Type = HistoryEventType.ExecutionStarted,
            Name = state.Name,
            Version = version ?? (state.Version.Length == 0 ? null : state.Version),
            Input = state.Input,
            InstanceId = state.InstanceId,
            ExecutionId = state.ExecutionId,
            Timestamp = state.CreatedTime.UtcDateTime,
        },
    };
}
