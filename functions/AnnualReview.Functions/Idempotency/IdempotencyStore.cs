using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace AnnualReview.Functions.Idempotency;

/// <summary>
/// Idempotency keys in an Azure Table (<c>{StoragePrefix}Idempotency</c>), one row per caller and key. A row is
/// claimed by insert (or, once expired or abandoned, by an ETag-checked replace), so two concurrent requests with
/// the same key never both run.
/// </summary>
public sealed class IdempotencyStore(TableClient table)
{
    /// <summary>A table property holds at most 64 KiB; an entity at most 1 MiB. Bodies are split over numbered columns.</summary>
    private const int ChunkBytes = 60 * 1024;
    private const int MaxChunks = 15;

    public const int MaxStoredBody = ChunkBytes * MaxChunks;

    private int _created;

    public TableClient Table => table;

    /// <summary>Caller and key go through a hash: keys may hold characters a partition key may not.</summary>
    public static string PartitionFor(string subject, string key)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject + "\n" + key)));

    public async Task<(IdempotencyRecord Record, ETag ETag)?> GetAsync(string partition, CancellationToken cancellation)
    {
        await EnsureCreatedAsync(cancellation);
        NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>(partition, "", cancellationToken: cancellation);
        return row.HasValue ? (ToRecord(row.Value!), row.Value!.ETag) : null;
    }

    /// <summary>Claims a fresh key; false when someone else holds it.</summary>
    public async Task<bool> TryClaimAsync(string partition, string subject, string key, IdempotencyRecord claim, CancellationToken cancellation)
    {
        await EnsureCreatedAsync(cancellation);
        try
        {
            await table.AddEntityAsync(ToEntity(partition, subject, key, claim), cancellation);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Takes over an expired or abandoned row; false when it changed in between.</summary>
    public async Task<bool> TryTakeOverAsync(string partition, string subject, string key, IdempotencyRecord claim, ETag etag, CancellationToken cancellation)
    {
        try
        {
            await table.UpdateEntityAsync(ToEntity(partition, subject, key, claim), etag, TableUpdateMode.Replace, cancellation);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    public async Task CompleteAsync(string partition, string subject, string key, IdempotencyRecord answer, CancellationToken cancellation)
    {
        await EnsureCreatedAsync(cancellation);
        await table.UpsertEntityAsync(ToEntity(partition, subject, key, answer), TableUpdateMode.Replace, cancellation);
    }

    /// <summary>Marks the claim as abandoned now (its start put far back), so the next attempt takes it over at once, knowing an attempt ran.</summary>
    public async Task ReleaseAsync(string partition, CancellationToken cancellation)
        => await table.UpsertEntityAsync(new TableEntity(partition, "") { ["StartedAt"] = DateTimeOffset.UnixEpoch, ["Completed"] = false }, TableUpdateMode.Merge, cancellation);

    private async Task EnsureCreatedAsync(CancellationToken cancellation)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await table.CreateIfNotExistsAsync(cancellation);
            Volatile.Write(ref _created, 1);
        }
    }

    private static TableEntity ToEntity(string partition, string subject, string key, IdempotencyRecord record)
    {
        var entity = new TableEntity(partition, "")
        {
            ["Subject"] = subject,
            ["Key"] = key,
            ["RequestHash"] = record.RequestHash,
            ["Completed"] = record.Completed,
            ["StartedAt"] = record.StartedAt,
            ["ExpiresAt"] = record.ExpiresAt,
            ["Status"] = record.Status,
            ["ContentType"] = record.ContentType,
            ["Location"] = record.Location,
            ["BodyChunks"] = (record.Body.Length + ChunkBytes - 1) / ChunkBytes,
        };
        for (int i = 0, offset = 0; offset < record.Body.Length; i++, offset += ChunkBytes)
        {
            entity["Body" + i] = record.Body.AsSpan(offset, Math.Min(ChunkBytes, record.Body.Length - offset)).ToArray();
        }

        return entity;
    }

    private static IdempotencyRecord ToRecord(TableEntity row)
    {
        int chunks = row.GetInt32("BodyChunks") ?? 0;
        using var body = new MemoryStream();
        for (int i = 0; i < chunks; i++)
        {
            body.Write(row.GetBinary("Body" + i) ?? []);
        }

        return new IdempotencyRecord(
            row.GetString("RequestHash") ?? "",
            row.GetBoolean("Completed") ?? false,
            row.GetDateTimeOffset("StartedAt") ?? default,
            row.GetDateTimeOffset("ExpiresAt") ?? default)
        {
            Status = row.GetInt32("Status") ?? 0,
            ContentType = row.GetString("ContentType"),
            Location = row.GetString("Location"),
            Body = body.ToArray(),
        };
    }
}
