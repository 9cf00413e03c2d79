using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;

namespace AnnualReview.Durable.Storage;

/// <summary>
/// Keeps large payloads in blobs. Names are derived from what the payload is, so writing the same payload
/// again after a crash overwrites the same blob instead of leaking a new one.
/// </summary>
internal sealed class PayloadStore(BlobContainerClient container)
{
    /// <summary>Largest JSON text kept inline in a queue message (the limit is 64 KB of base64).</summary>
    public const int MaxInlineMessageBytes = 45 * 1024;

    /// <summary>Largest value kept inline in a table property (the limit is 64 KB).</summary>
    public const int MaxInlinePropertyBytes = 60 * 1024;

    public static string BlobNameFor(string kind, string key)
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return $"{kind}/{hash[..2]}/{hash}";
    }

    public static string InstancePrefix(string instanceId)
        => "instances/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(instanceId))) + "/";

    public static string InstanceBlob(string instanceId, string name) => InstancePrefix(instanceId) + name;

    public async Task WriteAsync(string blobName, string text, CancellationToken cancellation)
    {
        await container.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(text), overwrite: true, cancellation);
    }

    public async Task<string> ReadAsync(string blobName, CancellationToken cancellation)
    {
        Response<Azure.Storage.Blobs.Models.BlobDownloadResult> result = await container.GetBlobClient(blobName).DownloadContentAsync(cancellation);
        return result.Value.Content.ToString();
    }

    public async Task DeleteInstanceBlobsAsync(string instanceId, CancellationToken cancellation)
    {
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, InstancePrefix(instanceId), cancellation))
        {
            await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellation);
        }
    }

    public static int Utf8Length(string? text) => text is null ? 0 : Encoding.UTF8.GetByteCount(text);
}
