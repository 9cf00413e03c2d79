namespace AnnualReview.Functions.Idempotency;

/// <summary>What one (caller, key) pair holds: the request it was first used for and, once answered, the answer.</summary>
public sealed record IdempotencyRecord(string RequestHash, bool Completed, DateTimeOffset StartedAt, DateTimeOffset ExpiresAt)
{
    public int Status { get; init; }

    public string? ContentType { get; init; }

    public string? Location { get; init; }

    public byte[] Body { get; init; } = [];
}
