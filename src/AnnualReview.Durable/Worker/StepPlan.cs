using AnnualReview.Durable.History;
using AnnualReview.Durable.Storage;

namespace AnnualReview.Durable.Worker;

/// <summary>What happens to one delivered message.</summary>
internal enum MessageOutcome
{
    /// <summary>Applied, or recognised as a duplicate or as stale: delete it.</summary>
    Done,

    /// <summary>It arrived before its instance or scheduling step: deliver it again later.</summary>
    Defer,
}

/// <summary>How a batch of messages for one instance is to be handled, decided against the instance's current state.</summary>
internal sealed class StepPlan
{
    public List<HistoryEvent> Apply { get; } = [];

    public Dictionary<string, MessageOutcome> Outcomes { get; } = new(StringComparer.Ordinal);

    /// <summary>Messages to send that need no step (e.g. "instance already exists" back to a parent).</summary>
    public List<OutboxItem> Replies { get; } = [];
}
