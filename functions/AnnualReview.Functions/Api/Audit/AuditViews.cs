using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;
using AnnualReview.Durable.Storage;

namespace AnnualReview.Functions.Api.Audit;

/// <summary>One history event as the audit shows it: when, what, and what it carried.</summary>
/// <param name="Seq">The history row the event is stored in; rows are what the hash chain links.</param>
/// <param name="RowHash">The SHA-256 of that row, chained to the previous row's.</param>
/// <param name="Payload">The event's input, result, failure or status, as stored (JSON text).</param>
public sealed record AuditEvent(string InstanceId, long Seq, string ExecutionId, string RowHash, DateTime Time, string Type, string? Name, int EventId, DateTime? FireAt, string? Payload)
{
    public static IEnumerable<AuditEvent> From(string instanceId, HistoryRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Events.Select(e => new AuditEvent(instanceId, row.Seq, row.ExecutionId, row.Hash, e.Timestamp, e.Type.ToString(), e.Name, e.EventId, e.FireAt, PayloadOf(e)));
    }

    private static string? PayloadOf(HistoryEvent e)
        => e.Input ?? e.Result ?? (e.Failure is { } failure ? System.Text.Json.JsonSerializer.Serialize(failure, AnnualReview.Durable.DataConverter.Options) : e.Status);
}

/// <summary>An instance's whole history and whether its hash chain is intact (or the first row that is not).</summary>
public sealed record AuditHistory(string InstanceId, string Name, string Status, IReadOnlyList<AuditEvent> Events, HistoryVerification Verification);

/// <summary>One instance's entry in a cycle's export manifest.</summary>
public sealed record ManifestEntry(string InstanceId, string Name, string Status, int Rows, int Events, string Sha256, HistoryVerification Verification);
