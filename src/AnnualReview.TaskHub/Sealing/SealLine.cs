using System.Text.Json.Serialization;

namespace AnnualReview.TaskHub.Sealing;

/// <summary>One line of an instance's seal log: the chain's value after one event, and when it was sealed.</summary>
public sealed record SealLine(
    [property: JsonPropertyName("execution")] string ExecutionId,
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("sealedAt")] DateTimeOffset SealedAt);
