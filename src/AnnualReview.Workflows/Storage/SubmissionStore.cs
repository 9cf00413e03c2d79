using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using AnnualReview.Assessment.Model;
using Microsoft.DurableTask;

namespace AnnualReview.Workflows.Storage;

/// <summary>An attachment kept in Blob Storage with its SHA-256, so the file can be proven unchanged later.</summary>
public sealed record StoredAttachment(string FileName, string ContentType, long Size, string Sha256, string Blob);

/// <summary>One version of a member's self-review (bản tự kiểm điểm): the form's sections, the self-rated level, attachments.</summary>
public sealed record SelfReviewVersion(string CycleId, string MemberId, int Version, string Form, IReadOnlyDictionary<string, string> Sections, RatingLevel SelfRating, IReadOnlyList<StoredAttachment> Attachments, string SubmittedBy, DateTime SubmittedAt);

/// <summary>Every version of every self-review is kept; a new version never overwrites an old one.</summary>
public sealed class SubmissionStore(AssessmentStorage storage)
{
    public static string Partition(string cycleId, string memberId) => cycleId + "|" + memberId;

    /// <summary>Stores an attachment's bytes under a name derived from its hash, and returns its record.</summary>
    public async Task<StoredAttachment> StoreAttachmentAsync(string cycleId, string memberId, string fileName, string contentType, byte[] content, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(content);
        string sha = Convert.ToHexStringLower(SHA256.HashData(content));
        string blob = $"{NotificationOutbox.Key(cycleId + "|" + memberId)}/{sha}";
        await storage.Attachments.GetBlobClient(blob).UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellation);
        return new StoredAttachment(fileName, contentType, content.LongLength, sha, blob);
    }

    /// <summary>
    /// Adds the next version by inserting version 1, 2, … until an insert succeeds: most members submit once or
    /// twice, so this costs one or two writes and no query, and two concurrent submissions never share a number.
    /// With a <paramref name="requestKey"/> (the caller's Idempotency-Key, or a form's token) the version and a row
    /// naming the request are inserted in one transaction, so a retry of the same request finds its version instead
    /// of adding another, even when the first attempt died before it could answer.
    /// </summary>
    public async Task<SelfReviewVersion> AddVersionAsync(SelfReviewVersion draft, string? requestKey, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(draft);
        string partition = Partition(draft.CycleId, draft.MemberId);
        TableClient table = storage.Submissions.For(partition);
        string? requestRow = requestKey is null ? null : RequestKey(requestKey);
        if (requestRow is not null && await ByRequestAsync(table, partition, requestRow, cancellation) is { } earlier)
        {
            return earlier;
        }

        for (int next = Math.Max(1, draft.Version); next <= 999; next++)
        {
            SelfReviewVersion version = draft with { Version = next };
            var row = new TableEntity(partition, VersionKey(next))
            {
                ["Json"] = JsonSerializer.Serialize(version, WorkflowJson.Options),
                ["SelfRating"] = version.SelfRating.ToString(),
                ["SubmittedAt"] = DateTime.SpecifyKind(version.SubmittedAt, DateTimeKind.Utc),
            };
            try
            {
                if (requestRow is null)
                {
                    await table.AddEntityAsync(row, cancellation);
                }
                else
                {
                    await table.SubmitTransactionAsync(
                    [
                        new TableTransactionAction(TableTransactionActionType.Add, row),
                        new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, requestRow) { ["Version"] = next }),
                    ], cancellation);
                }

                return version;
            }
            catch (RequestFailedException conflict) when (conflict.Status == 409)
            {
                // Either this number is taken by an earlier version (try the next), or the same request got in first.
                if (requestRow is not null && await ByRequestAsync(table, partition, requestRow, cancellation) is { } raced)
                {
                    return raced;
                }
            }
        }

        throw new InvalidOperationException($"Member {draft.MemberId} has too many versions.");
    }

    public async Task<List<SelfReviewVersion>> VersionsAsync(string cycleId, string memberId, CancellationToken cancellation)
    {
        var versions = new List<SelfReviewVersion>();
        string partition = Partition(cycleId, memberId);
        await foreach (TableEntity row in storage.Submissions.For(partition).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {"v"}"), cancellationToken: cancellation))
        {
            versions.Add(JsonSerializer.Deserialize<SelfReviewVersion>(row.GetString("Json")!, WorkflowJson.Options)!);
        }

        return versions;
    }

    /// <summary>The version an earlier attempt of the same request stored, if one did.</summary>
    private static async Task<SelfReviewVersion?> ByRequestAsync(TableClient table, string partition, string requestRow, CancellationToken cancellation)
    {
        NullableResponse<TableEntity> request = await table.GetEntityIfExistsAsync<TableEntity>(partition, requestRow, cancellationToken: cancellation);
        if (!request.HasValue || request.Value!.GetInt32("Version") is not { } number)
        {
            return null;
        }

        TableEntity version = (await table.GetEntityAsync<TableEntity>(partition, VersionKey(number), cancellationToken: cancellation)).Value;
        return JsonSerializer.Deserialize<SelfReviewVersion>(version.GetString("Json")!, WorkflowJson.Options);
    }

    /// <summary>Request rows ("r-…") sort before the version rows ("v…"); readers of versions start at "v".</summary>
    private static string RequestKey(string requestKey) => "r-" + NotificationOutbox.Key(requestKey);

    private static string VersionKey(int version) => "v" + version.ToString("D4", CultureInfo.InvariantCulture);
}
