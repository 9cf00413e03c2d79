namespace AnnualReview.Workflows.Commands;

/// <summary>
/// The request a command runs for: its key (the caller's Idempotency-Key or a form's token, per caller), and
/// whether an earlier attempt of it may already have run (it died or failed before answering), in which case
/// the command looks before it raises its event again.
/// </summary>
public sealed record CommandRequest(string Key, bool MayHaveRun);

/// <summary>Whether an event from a given request is already in an instance's history.</summary>
public interface IRaisedEvents
{
    Task<bool> ContainsAsync(string instanceId, string eventName, string requestId, CancellationToken cancellation);
}
