using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace AnnualReview.TaskHub.History;

/// <summary>Reads an instance's history rows from the task hub's History table, in order.</summary>
public sealed class HistoryReader(TaskHubStorage storage)
{
    /// <summary>Properties left out of the canonical form: the service's own timestamp and ETag, and DTFx's replay flag.</summary>
    private static readonly HashSet<string> Unsealed = new(StringComparer.Ordinal) { "Timestamp", "odata.etag", "IsPlayed" };

    private static readonly string[] PayloadProperties = ["Input", "Result", "Reason", "Details", "FailureDetails"];

    /// <summary>Every event row of the instance (the checkpoint's "sentinel" row is not an event), from <paramref name="fromSeq"/> on.</summary>
    public async Task<List<HistoryRecord>> ReadAsync(string instanceId, long fromSeq, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        string filter = fromSeq > 0
            ? TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and RowKey ge {RowKey(fromSeq)} and RowKey lt {"sentinel"}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and RowKey lt {"sentinel"}");
        return await QueryAsync(instanceId, filter, cancellation);
    }

    /// <summary>The instance's events of one type and name (for example the raised events named "appraisal").</summary>
    public async Task<List<HistoryRecord>> ReadEventsAsync(string instanceId, string eventType, string name, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return await QueryAsync(instanceId, TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and EventType eq {eventType} and Name eq {name}"), cancellation);
    }

    private async Task<List<HistoryRecord>> QueryAsync(string instanceId, string filter, CancellationToken cancellation)
    {
        var records = new List<HistoryRecord>();
        await foreach (TableEntity row in storage.History.QueryAsync<TableEntity>(filter, cancellationToken: cancellation))
        {
            if (long.TryParse(row.RowKey, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long seq))
            {
                records.Add(await ToRecordAsync(instanceId, seq, row, cancellation));
            }
        }

        records.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        return records;
    }

    public static string RowKey(long seq) => seq.ToString("X16", CultureInfo.InvariantCulture);

    private async Task<HistoryRecord> ToRecordAsync(string instanceId, long seq, TableEntity row, CancellationToken cancellation)
    {
        var canonical = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in row)
        {
            if (!Unsealed.Contains(key))
            {
                canonical[key] = Text(value);
            }
        }

        string? payload = null;
        foreach (string property in PayloadProperties)
        {
            if (row.GetString(property + "BlobName") is { Length: > 0 } blobName)
            {
                byte[] compressed = (await storage.LargeMessages.GetBlobClient(blobName).DownloadContentAsync(cancellation)).Value.Content.ToArray();

                // The blob's bytes are sealed with the row, so an edited blob breaks the chain as an edited row does.
                canonical[property + "BlobSha256"] = Convert.ToHexStringLower(SHA256.HashData(compressed));
                payload ??= Decompress(compressed);
            }
            else if (row.GetString(property) is { Length: > 0 } inline && inline != "null")
            {
                payload ??= inline;
            }
        }

        return new HistoryRecord(
            instanceId,
            seq,
            row.GetString("ExecutionId") ?? "",
            row.GetString("EventType") ?? "",
            row.GetInt32("EventId") ?? -1,
            (row.GetDateTimeOffset("_Timestamp") ?? row.Timestamp ?? default).UtcDateTime,
            row.GetString("Name"),
            payload,
            row.GetDateTimeOffset("FireAt")?.UtcDateTime,
            row.GetInt32("TaskScheduledId"),
            row.GetString("InstanceId") ?? ParentOf(row.GetString("ParentInstance")),
            JsonSerializer.Serialize(canonical));
    }

    /// <summary>The parent's id in an ExecutionStarted row's <c>ParentInstance</c> (JSON written by DTFx).</summary>
    private static string? ParentOf(string? parentJson)
    {
        if (parentJson is not { Length: > 0 } || parentJson == "null")
        {
            return null;
        }

        try
        {
            using JsonDocument parent = JsonDocument.Parse(parentJson);
            return parent.RootElement.TryGetProperty("OrchestrationInstance", out JsonElement instance) && instance.TryGetProperty("InstanceId", out JsonElement id)
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTimeOffset time => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        DateTime time => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string Decompress(byte[] compressed)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
