using Azure;
using AnnualReview.Durable.History;
using AnnualReview.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace AnnualReview.Durable.Worker;

/// <summary>
/// Applies a batch of messages to one instance: load (or take from cache), send any outbox a crash left
/// unsent, decide what is new, run the orchestrator, commit the step atomically, then send what it released.
/// A crash anywhere leaves the messages undeleted, and their redelivery finds everything either committed or not.
/// </summary>
internal sealed class OrchestrationProcessor(
    InstanceStore store,
    MessageSender sender,
    IndexStore index,
    InstanceCache cache,
    StepBuilder builder,
    TimeProvider clock,
    ILogger logger)
{
    private const int MaxConflictRetries = 20;
    private readonly KeyedLock _locks = new();

    public async Task<StepPlan> ProcessAsync(string instanceId, IReadOnlyList<TaskMessage> messages, CancellationToken cancellation)
    {
        using IDisposable held = await _locks.AcquireAsync(instanceId, cancellation);
        for (int attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            CachedInstance? cached = cache.TryGet(instanceId);
            CachedInstance? entry = cached ?? await LoadAsync(instanceId, cancellation);
            StepPlan plan = MessageClassifier.Classify(entry, messages);
            if (cached is not null && plan.Apply.Count < messages.Count)
            {
                // Another worker may have moved the instance on: a message that looks early, stale or
                // duplicate against the cache is judged again against storage before it is dropped or deferred.
                cache.Remove(instanceId);
                entry = await LoadAsync(instanceId, cancellation);
                if (entry is not null && entry.State.ETag == cached.State.ETag)
                {
                    // Storage still holds what the cache had: the cache was current, and it knows its outbox
                    // already went out (a fresh load does not, and would send every call of the step again).
                    entry = cached;
                    cache.Set(cached);
                }

                plan = MessageClassifier.Classify(entry, messages);
            }

            if (entry is not null && !entry.OutboxSent)
            {
                await FlushAsync(entry.State, cancellation);
                entry.OutboxSent = true;
            }

            await Task.WhenAll(plan.Replies.Select(r => sender.SendAsync(r, cancellation)));
            if (plan.Apply.Count == 0)
            {
                return plan;
            }

            Step step = builder.Build(entry, plan.Apply, clock.GetUtcNow().UtcDateTime);
            if (await TryCommitAsync(step, cancellation))
            {
                return plan;
            }

            logger.LogDebug("Instance {InstanceId} changed under this worker; reloading (attempt {Attempt}).", instanceId, attempt + 1);
        }

        throw new InvalidOperationException($"Instance '{instanceId}' kept changing under this worker; the messages will be retried.");
    }

    /// <summary>Ends an instance as Failed because a message for it could not be processed (poison).</summary>
    public async Task FailAsync(string instanceId, TaskFailureDetails failure, CancellationToken cancellation)
    {
        using IDisposable held = await _locks.AcquireAsync(instanceId, cancellation);
        for (int attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            cache.Remove(instanceId);
            CachedInstance? entry = await LoadAsync(instanceId, cancellation);
            if (entry is null || entry.State.Status.IsTerminalStatus())
            {
                return;
            }

            Step step = StepBuilder.BuildFailure(entry, failure, clock.GetUtcNow().UtcDateTime);
            if (await TryCommitAsync(step, cancellation))
            {
                return;
            }
        }
    }

    public async Task<CachedInstance?> LoadAsync(string instanceId, CancellationToken cancellation)
    {
        InstanceState? state = await store.GetStateAsync(instanceId, cancellation);
        if (state is null)
        {
            return null;
        }

        var events = new List<HistoryEvent>();
        if (state.NextSeq > state.ExecutionStartSeq)
        {
            foreach (HistoryRow row in await store.GetKnownHistoryRowsAsync(instanceId, state.ExecutionStartSeq, state.NextSeq, cancellation))
            {
                events.AddRange(row.Events);
            }
        }

        return new CachedInstance(state, events);
    }

    private async Task<bool> TryCommitAsync(Step step, CancellationToken cancellation)
    {
        ETag? etag = await store.CommitAsync(step.State, step.IsNew, step.Rows, cancellation);
        if (etag is null)
        {
            cache.Remove(step.State.InstanceId);
            return false;
        }

        step.State.ETag = etag.Value;
        var entry = new CachedInstance(step.State, step.CurrentEvents);
        cache.Set(entry);
        await FlushAsync(step.State, cancellation);
        entry.OutboxSent = true;
        return true;
    }

    private async Task FlushAsync(InstanceState state, CancellationToken cancellation)
    {
        var sends = state.Outbox.Select(item => sender.SendAsync(item, cancellation)).ToList();
        if (state.IndexStale)
        {
            sends.Add(index.UpsertAsync(state, cancellation));
        }

        await Task.WhenAll(sends);
    }
}
