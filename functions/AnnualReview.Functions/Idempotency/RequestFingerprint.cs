using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace AnnualReview.Functions.Idempotency;

/// <summary>
/// The SHA-256 of what a request asks for: method, path, query, media type and body. A multipart body is hashed
/// part by part (names, file names, types, contents) without its boundary, which a client library picks at
/// random on every send, so a faithful retry of an upload matches.
/// </summary>
public static class RequestFingerprint
{
    public static async Task<string> ComputeAsync(HttpRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        MediaTypeHeaderValue? media = MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? parsed) ? parsed : null;
        Append(hash, request.Method);
        Append(hash, request.Path.Value ?? "");
        Append(hash, request.QueryString.Value ?? "");
        Append(hash, media?.MediaType.Value?.ToLowerInvariant() ?? "");

        request.Body.Position = 0;
        string? boundary = media is not null && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(media.Boundary).Value
            : null;
        if (boundary is { Length: > 0 })
        {
            await AppendMultipartAsync(hash, boundary, request.Body, cancellation);
        }
        else
        {
            await AppendStreamAsync(hash, request.Body, cancellation);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task AppendMultipartAsync(IncrementalHash hash, string boundary, Stream body, CancellationToken cancellation)
    {
        var reader = new MultipartReader(boundary, body);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellation) is { } section)
            {
                Append(hash, section.ContentDisposition ?? "");
                Append(hash, section.ContentType ?? "");
                await AppendStreamAsync(hash, section.Body, cancellation);
            }
        }
        catch (IOException)
        {
            // Not well-formed multipart: the endpoint will refuse it; hash the raw bytes so the key still binds to them.
            body.Position = 0;
            await AppendStreamAsync(hash, body, cancellation);
        }
    }

    private static async Task AppendStreamAsync(IncrementalHash hash, Stream stream, CancellationToken cancellation)
    {
        byte[] buffer = new byte[16 * 1024];
        long length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellation)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }

        // The length ends each field, so no two different splits of the same bytes hash alike.
        hash.AppendData(BitConverter.GetBytes(length));
    }

    private static void Append(IncrementalHash hash, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        hash.AppendData(bytes);
        hash.AppendData(BitConverter.GetBytes((long)bytes.Length));
    }
}
