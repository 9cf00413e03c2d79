using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace AnnualReview.TaskHub.Sealing;

/// <summary>
/// An instance's seals: an append blob in <c>{hub}-seals</c>, one JSON line per sealed event. Append blobs only
/// grow (and on Azure the container can be made immutable with appends allowed), so a seal once written stays
/// what it was. A line may appear twice when a sealer died between appending and recording how far it got; both
/// copies are the same and the reader keeps the first.
/// </summary>
public sealed class SealLog(TaskHubStorage storage)
{
    /// <summary>An append is at most 4 MiB; seal lines are about 150 bytes.</summary>
    private const int LinesPerAppend = 10_000;

    public static string BlobName(string instanceId) => instanceId + ".seals";

    /// <param name="createBlob">The first seal of an instance creates its blob (if a sealer that died before recording it had not).</param>
    public async Task AppendAsync(string instanceId, IReadOnlyList<SealLine> lines, bool createBlob, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(lines);
        AppendBlobClient blob = storage.Seals.GetAppendBlobClient(BlobName(instanceId));
        if (createBlob)
        {
            await blob.CreateIfNotExistsAsync(cancellationToken: cancellation);
        }

        foreach (SealLine[] chunk in lines.Chunk(LinesPerAppend))
        {
            var text = new StringBuilder();
            foreach (SealLine line in chunk)
            {
                text.Append(JsonSerializer.Serialize(line)).Append('\n');
            }

            using var content = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
            await blob.AppendBlockAsync(content, cancellationToken: cancellation);
        }
    }

    /// <summary>Every seal of the instance, first copy of each (execution, position), in the order written.</summary>
    public async Task<List<SealLine>> ReadAsync(string instanceId, CancellationToken cancellation)
    {
        AppendBlobClient blob = storage.Seals.GetAppendBlobClient(BlobName(instanceId));
        string text;
        try
        {
            text = (await blob.DownloadContentAsync(cancellation)).Value.Content.ToString();
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            return [];
        }

        var seen = new HashSet<(string, long)>();
        var lines = new List<SealLine>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            SealLine seal = JsonSerializer.Deserialize<SealLine>(line)!;
            if (seen.Add((seal.ExecutionId, seal.Seq)))
            {
                lines.Add(seal);
            }
        }

        return lines;
    }

    public async Task DeleteAsync(string instanceId, CancellationToken cancellation)
        => await storage.Seals.GetBlobClient(BlobName(instanceId)).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellation);
}
