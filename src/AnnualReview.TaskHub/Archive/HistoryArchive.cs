using System.Text;
using System.Text.Json;
using AnnualReview.TaskHub.History;
using AnnualReview.TaskHub.Sealing;
using Azure;
using Microsoft.DurableTask.Client;

namespace AnnualReview.TaskHub.Archive;

/// <summary>
/// Purge with an archive: before Durable Functions' purge deletes an ended instance, its full history, its seals
/// and its verification go to a blob (<c>{hub}-archive/{instanceId}.jsonl</c>, JSON Lines). The seal log stays.
/// </summary>
public sealed class HistoryArchive(TaskHubStorage storage, HistorySealer sealer, HistoryVerifier verifier)
{
    private static readonly JsonSerializerOptions LineOptions = new(JsonSerializerDefaults.Web);

    public static string BlobName(string instanceId) => instanceId + ".jsonl";

    /// <summary>Archives then purges one ended instance; 0 when it does not exist or still runs.</summary>
    public async Task<int> ArchiveAndPurgeAsync(DurableTaskClient client, string instanceId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(client);
        OrchestrationMetadata? instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellation);
        if (instance is null || !instance.IsCompleted)
        {
            return 0;
        }

        // Seal what is not sealed yet, so the archive carries the whole chain.
        await sealer.SealAsync(instanceId, cancellation);
        VerifiedHistory history = await verifier.ReadAndVerifyAsync(instanceId, cancellation);
        var text = new StringBuilder();
        text.Append(JsonSerializer.Serialize(new
        {
            instance.InstanceId,
            instance.Name,
            Status = instance.RuntimeStatus.ToString(),
            instance.CreatedAt,
            instance.LastUpdatedAt,
            Input = instance.SerializedInput,
            Output = instance.SerializedOutput,
            CustomStatus = instance.SerializedCustomStatus,
            history.Verification,
            ArchivedAt = DateTimeOffset.UtcNow,
        }, LineOptions)).Append('\n');
        foreach (HistoryRecord e in history.Events)
        {
            text.Append(JsonSerializer.Serialize(new
            {
                e.Seq,
                e.ExecutionId,
                e.EventType,
                e.EventId,
                e.Timestamp,
                e.Name,
                e.Payload,
                e.Canonical,
                Seal = history.SealOf(e.Seq),
            }, LineOptions)).Append('\n');
        }

        await storage.Archive.GetBlobClient(BlobName(instanceId)).UploadAsync(BinaryData.FromString(text.ToString()), overwrite: true, cancellation);
        return (await client.PurgeInstanceAsync(instanceId, cancellation)).PurgedInstanceCount;
    }

    /// <summary>Archives and purges every ended instance created in the range (retention).</summary>
    public async Task<int> ArchiveAndPurgeAllAsync(DurableTaskClient client, DateTimeOffset? createdFrom, DateTimeOffset? createdTo, IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(client);
        var ended = new List<string>();
        var query = new OrchestrationQuery
        {
            CreatedFrom = createdFrom,
            CreatedTo = createdTo,
            Statuses = statuses is { Count: > 0 }
                ? [.. statuses.Where(s => s is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)]
                : [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
            PageSize = 500,
        };
        await foreach (OrchestrationMetadata instance in client.GetAllInstancesAsync(query).WithCancellation(cancellation))
        {
            ended.Add(instance.InstanceId);
        }

        int purged = 0;
        foreach (string id in ended)
        {
            purged += await ArchiveAndPurgeAsync(client, id, cancellation);
        }

        return purged;
    }

    /// <summary>The archive written when the instance was purged, as JSON Lines; null if there is none.</summary>
    public async Task<string?> ReadAsync(string instanceId, CancellationToken cancellation)
    {
        try
        {
            return (await storage.Archive.GetBlobClient(BlobName(instanceId)).DownloadContentAsync(cancellation)).Value.Content.ToString();
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            return null;
        }
    }
}
