namespace AnnualReview.TaskHub.History;

/// <summary>
/// One event of an instance's history, as stored in the task hub's History table (one row per event).
/// <see cref="Canonical"/> is the row's content in a fixed form, which the seals hash.
/// </summary>
/// <param name="Seq">The event's position in the execution's history (the row key, a hexadecimal number).</param>
/// <param name="Payload">The event's input, result, reason or failure (JSON text), read from its blob when it was too large for the table.</param>
/// <param name="RelatedInstanceId">The other instance involved: a started sub-orchestration, an event's target, or (on ExecutionStarted) the parent.</param>
public sealed record HistoryRecord(
    string InstanceId,
    long Seq,
    string ExecutionId,
    string EventType,
    int EventId,
    DateTime Timestamp,
    string? Name,
    string? Payload,
    DateTime? FireAt,
    int? TaskScheduledId,
    string? RelatedInstanceId,
    string Canonical)
{
    /// <summary>One column of the stored row as text (for example <c>OrchestrationStatus</c>, <c>Reason</c>); null when absent.</summary>
    public string? Property(string name)
    {
        using var row = System.Text.Json.JsonDocument.Parse(Canonical);
        return row.RootElement.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;
    }

    public string Describe() => Name is null ? $"{EventType} #{Seq}" : $"{EventType} '{Name}' #{Seq}";
}
