using System.Security.Cryptography;
using System.Text.Json;
using AnnualReview.TaskHub.History;
using AnnualReview.TaskHub.Sealing;
using Microsoft.DurableTask.Client;

namespace AnnualReview.Functions.Api.Audit;

/// <summary>
/// A cycle's audit export: every instance under the cycle id (the cycle and its tree <c>{cycle}~{unit}</c>), in
/// instance id order, one JSON line per history event. The export and the manifest come from the same walk, so
/// hashing the export's lines gives the manifest's figures (for an ended cycle, whose history no longer grows).
/// Instances are read one at a time: memory stays flat however many there are.
/// </summary>
public sealed class AuditExport(DurableTaskClient client, HistoryVerifier verifier)
{
    /// <summary>Fixed serializer settings: the bytes of a line must not depend on the app's HTTP JSON options.</summary>
    public static readonly JsonSerializerOptions LineOptions = new(JsonSerializerDefaults.Web);

    public const string LinesContentType = "application/x-ndjson";

    /// <summary>Every instance of the cycle with its exported lines (each ending in "\n").</summary>
    public async IAsyncEnumerable<(VerifiedHistory History, OrchestrationMetadata Instance, IReadOnlyList<byte[]> Lines)> InstancesAsync(
        string cycleId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        var instances = new List<OrchestrationMetadata>();
        await foreach (OrchestrationMetadata instance in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = cycleId, PageSize = 100 }).WithCancellation(cancellation))
        {
            if (BelongsTo(instance.InstanceId, cycleId))
            {
                instances.Add(instance);
            }
        }

        foreach (OrchestrationMetadata instance in instances.OrderBy(i => i.InstanceId, StringComparer.Ordinal))
        {
            VerifiedHistory history = await verifier.ReadAndVerifyAsync(instance.InstanceId, cancellation);
            yield return (history, instance, Lines(history));
        }
    }

    /// <summary>The prefix query also matches "cycle-2025-u1x" for "cycle-2025-u1"; only the cycle and its tree belong.</summary>
    public static bool BelongsTo(string instanceId, string cycleId)
        => instanceId == cycleId || instanceId.StartsWith(cycleId + "~", StringComparison.Ordinal);

    public static List<byte[]> Lines(VerifiedHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var lines = new List<byte[]>();
        foreach (HistoryRecord record in history.Events)
        {
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(AuditEvent.From(record, history.SealOf(record.Seq)), LineOptions);
            byte[] line = new byte[json.Length + 1];
            json.CopyTo(line, 0);
            line[^1] = (byte)'\n';
            lines.Add(line);
        }

        return lines;
    }

    public async Task WriteLinesAsync(string cycleId, Stream output, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(output);
        await foreach (var (_, _, lines) in InstancesAsync(cycleId, cancellation))
        {
            foreach (byte[] line in lines)
            {
                await output.WriteAsync(line, cancellation);
            }

            await output.FlushAsync(cancellation);
        }
    }

    /// <summary>One instance's manifest entry: the SHA-256 of its exported lines, its event count and verification.</summary>
    public static ManifestEntry Entry(OrchestrationMetadata instance, VerifiedHistory history, IReadOnlyList<byte[]> lines)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(lines);
        using var one = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (byte[] line in lines)
        {
            one.AppendData(line);
        }

        return new ManifestEntry(instance.InstanceId, instance.Name, instance.RuntimeStatus.ToString(), lines.Count,
            Convert.ToHexStringLower(one.GetHashAndReset()), history.Verification);
    }

    /// <summary>
    /// The manifest entries of the cycle's instances that work for the given units (the cycle's own instance counts
    /// for its root unit), computed exactly as the cycle's manifest computes them, without reading the other histories.
    /// </summary>
    public async Task<List<ManifestEntry>> EntriesForUnitsAsync(string cycleId, string rootUnitId, IReadOnlySet<string> units, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(units);
        var chosen = new List<OrchestrationMetadata>();
        await foreach (OrchestrationMetadata instance in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = cycleId, PageSize = 100 }).WithCancellation(cancellation))
        {
            string id = instance.InstanceId;
            string? unit = id == cycleId ? rootUnitId : BelongsTo(id, cycleId) ? id[(cycleId.Length + 1)..].Split('~')[0] : null;
            if (unit is not null && units.Contains(unit))
            {
                chosen.Add(instance);
            }
        }

        var entries = new List<ManifestEntry>();
        foreach (OrchestrationMetadata instance in chosen.OrderBy(i => i.InstanceId, StringComparer.Ordinal))
        {
            VerifiedHistory history = await verifier.ReadAndVerifyAsync(instance.InstanceId, cancellation);
            entries.Add(Entry(instance, history, Lines(history)));
        }

        return entries;
    }

    public async Task WriteManifestAsync(string cycleId, DateTimeOffset generatedAt, Stream output, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var whole = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString("cycleId", cycleId);
        writer.WriteString("generatedAt", generatedAt);
        writer.WriteString("algorithm", "SHA-256");
        writer.WriteString("lineFormat", "one JSON object per history event (with its seal), each line ending in \\n, instances in id order");
        writer.WriteStartArray("instances");
        int instances = 0;
        long totalLines = 0;
        await foreach (var (history, instance, lines) in InstancesAsync(cycleId, cancellation))
        {
            foreach (byte[] line in lines)
            {
                whole.AppendData(line);
            }

            ManifestEntry entry = Entry(instance, history, lines);
            // Serializing into the writer would flush it synchronously, which Kestrel refuses.
            writer.WriteRawValue(JsonSerializer.SerializeToUtf8Bytes(entry, LineOptions), skipInputValidation: true);
            instances++;
            totalLines += lines.Count;
            if (writer.BytesPending > 16 * 1024)
            {
                await writer.FlushAsync(cancellation);
            }
        }

        writer.WriteEndArray();
        writer.WriteNumber("instanceCount", instances);
        writer.WriteNumber("lineCount", totalLines);
        writer.WriteString("exportSha256", Convert.ToHexStringLower(whole.GetHashAndReset()));
        writer.WriteEndObject();
        await writer.FlushAsync(cancellation);
    }
}
