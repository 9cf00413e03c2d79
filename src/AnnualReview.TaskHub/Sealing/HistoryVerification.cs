namespace AnnualReview.TaskHub.Sealing;

/// <summary>
/// What checking an instance's history against its seals found. Intact when every event in the table matches
/// its seal and no sealed event is missing; events not sealed yet (the newest few seconds) are counted apart.
/// </summary>
public sealed record HistoryVerification
{
    public required string InstanceId { get; init; }

    public required bool IsIntact { get; init; }

    public int EventCount { get; init; }

    public int SealedCount { get; init; }

    /// <summary>Events newer than the last seal: not yet sealed, so not yet protected.</summary>
    public int UnsealedCount { get; init; }

    /// <summary>The chain's value after the last sealed event.</summary>
    public string? Head { get; init; }

    public DateTimeOffset? LastSealedAt { get; init; }

    /// <summary>The position of the first event that differs from its seal (or is missing).</summary>
    public long? FirstBrokenSeq { get; init; }

    /// <summary>That event as a person reads it: its type and name.</summary>
    public string? FirstBrokenEvent { get; init; }

    public string? SealedHash { get; init; }

    public string? ComputedHash { get; init; }

    public string? Reason { get; init; }
}
