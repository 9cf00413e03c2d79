using Azure;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;

namespace AnnualReview.Durable.Storage;

/// <summary>
/// The instance row: everything about an instance except its history, kept in the same partition as the
/// history so both change in one transaction.
/// </summary>
internal sealed class InstanceState
{
    public required string InstanceId { get; init; }

    public required string Name { get; set; }

    /// <summary>Empty until the first step resolves the default version, then fixed for the execution.</summary>
    public string Version { get; set; } = "";

    public required string ExecutionId { get; set; }

    public OrchestrationRuntimeStatus Status { get; set; }

    public DateTimeOffset CreatedTime { get; set; }

    public DateTimeOffset LastUpdatedTime { get; set; }

    public DateTimeOffset? CompletedTime { get; set; }

    /// <summary>For an instance started with a future start time: when its start message is due.</summary>
    public DateTimeOffset? ScheduledStartTime { get; set; }

    public string? Input { get; set; }

    public string? Output { get; set; }

    public string? CustomStatus { get; set; }

    public TaskFailureDetails? Failure { get; set; }

    public ParentInstance? Parent { get; set; }

    /// <summary>Sequence number the next history row gets.</summary>
    public long NextSeq { get; set; }

    /// <summary>The first history row of the current execution (continue-as-new starts a new one).</summary>
    public long ExecutionStartSeq { get; set; }

    /// <summary>Hash of the last history row; the next row chains to it.</summary>
    public string LastHash { get; set; } = HashChain.Genesis;

    /// <summary>Messages released by the last step; sent after it commits and again by whoever finds them unsent.</summary>
    public List<OutboxItem> Outbox { get; set; } = [];

    /// <summary>Scheduled activities and sub-orchestrations waiting for a free slot (bounded fan-out), by event id.</summary>
    public List<int> Backlog { get; set; } = [];

    /// <summary>Released activities and sub-orchestrations not yet answered.</summary>
    public int Outstanding { get; set; }

    /// <summary>Released sub-orchestrations that have not yet told this instance they started.</summary>
    public int StartingChildren { get; set; }

    /// <summary>
    /// A sub-orchestration owes its parent the started notice until its first step that leaves nothing of its
    /// own in flight, so a parent's starting slot covers the child's whole start-up, subtree included.
    /// </summary>
    public bool StartNoticePending { get; set; }

    /// <summary>Whether the index row lags behind this state (status or custom status changed).</summary>
    public bool IndexStale { get; set; }

    public ETag ETag { get; set; }

    /// <summary>Not stored: whether a large input already sits in its blob, so a step need not write it again.</summary>
    public bool InputStored { get; set; }

    public InstanceState Clone()
    {
        var copy = (InstanceState)MemberwiseClone();
        copy.Outbox = [.. Outbox];
        copy.Backlog = [.. Backlog];
        return copy;
    }
}
