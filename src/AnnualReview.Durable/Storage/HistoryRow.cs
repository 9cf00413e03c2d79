using System.Text.Json;
using AnnualReview.Durable.History;

namespace AnnualReview.Durable.Storage;

/// <summary>One committed step of an instance: the events it added, chained by hash to the step before.</summary>
public sealed record HistoryRow(long Seq, string ExecutionId, IReadOnlyList<HistoryEvent> Events, string PrevHash, string Hash, DateTimeOffset? Timestamp)
{
    /// <summary>The exact JSON the hash was computed over (as stored).</summary>
    internal string EventsJson { get; init; } = "";

    internal static string SerializeEvents(IReadOnlyList<HistoryEvent> events) => JsonSerializer.Serialize(events, DataConverter.Options);

    internal static IReadOnlyList<HistoryEvent> DeserializeEvents(string json)
        => JsonSerializer.Deserialize<List<HistoryEvent>>(json, DataConverter.Options) ?? [];
}
