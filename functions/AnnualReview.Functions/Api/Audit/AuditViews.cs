using AnnualReview.TaskHub.History;
using AnnualReview.TaskHub.Sealing;

namespace AnnualReview.Functions.Api.Audit;

/// <summary>One history event as the audit shows it: when, what, what it carried, and its seal.</summary>
/// <param name="Seq">The event's position in the instance's history; the seals chain events in this order.</param>
/// <param name="Seal">The chain's value after this event, as sealed; null while the event is not sealed yet.</param>
/// <param name="Payload">The event's input, result, reason or failure, as stored (JSON text).</param>
public sealed record AuditEvent(string InstanceId, long Seq, string ExecutionId, string? Seal, DateTime Time, string Type, string? Name, int EventId, DateTime? FireAt, string? Payload)
{
    public static AuditEvent From(HistoryRecord record, string? seal)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new AuditEvent(record.InstanceId, record.Seq, record.ExecutionId, seal, record.Timestamp, record.EventType, record.Name, record.EventId, record.FireAt, record.Payload);
    }
}

/// <summary>An instance's whole history and whether it matches its seals (or the first event that does not).</summary>
public sealed record AuditHistory(string InstanceId, string Name, string Status, IReadOnlyList<AuditEvent> Events, HistoryVerification Verification);

/// <summary>One instance's entry in a cycle's export manifest.</summary>
public sealed record ManifestEntry(string InstanceId, string Name, string Status, int Events, string Sha256, HistoryVerification Verification);
