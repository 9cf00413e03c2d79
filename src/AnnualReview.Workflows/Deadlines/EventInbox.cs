using System.Text.Json;
using Microsoft.DurableTask;

namespace AnnualReview.Workflows.Deadlines;

/// <summary>
/// One waiting receiver per event name for the life of an orchestration. The SDK hands an event to the newest
/// waiter of its name, even one whose wait was cancelled, and that event is then gone; so waits are never
/// cancelled here: a waiter stays until its event comes, and an event that comes while the code is busy elsewhere
/// (calling an activity between two steps) completes it and is handled at the next look.
/// </summary>
public sealed class EventInbox(TaskOrchestrationContext context)
{
    private readonly Dictionary<string, Task<JsonElement>> _waiting = new(StringComparer.Ordinal);

    /// <summary>The wait for the next event of this name (the same one until it has been taken).</summary>
    public Task<JsonElement> Next(string eventName)
    {
        if (!_waiting.TryGetValue(eventName, out Task<JsonElement>? wait))
        {
            wait = context.WaitForExternalEvent<JsonElement>(eventName);
            _waiting[eventName] = wait;
        }

        return wait;
    }

    /// <summary>Takes the event that came for this name, if one did.</summary>
    public bool TryTake(string eventName, out JsonElement payload)
    {
        if (_waiting.TryGetValue(eventName, out Task<JsonElement>? wait) && wait.IsCompletedSuccessfully)
        {
            _waiting.Remove(eventName);
            payload = wait.Result;
            return true;
        }

        payload = default;
        return false;
    }
}
