using System.Text.Json;
using AnnualReview.TaskHub;
using AnnualReview.TaskHub.Archive;
using AnnualReview.TaskHub.OrchestrationServiceClientShim;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using AnnualReview.Functions.Problems;

namespace AnnualReview.Functions.Management;

/// <summary>
/// The management API's changes to instances. Signals to an instance that has ended answer 410 Gone, as in
/// Durable Functions; purging is only for ended instances (a running one answers 409), and archives each history first.
/// </summary>
internal static class ManagementWrites
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync);
        api.MapPost("/instances/{instanceId}/terminate", TerminateAsync);
        api.MapPost("/instances/{instanceId}/suspend", SuspendAsync);
        api.MapPost("/instances/{instanceId}/resume", ResumeAsync);
        api.MapPost("/instances/{instanceId}/restart", RestartAsync);
        api.MapDelete("/instances/{instanceId}", PurgeAsync);
        api.MapDelete("/instances", PurgeManyAsync);
    }

    private static async Task<IResult> RaiseEventAsync(HttpContext context, string instanceId, string eventName, DurableTaskClient client, CancellationToken cancellation)
    {
        var (ok, payload, problem) = await ManagementRequest.ReadJsonAsync(context, cancellation);
        if (!ok)
        {
            return problem!;
        }

        return await WhileLiveAsync(context, instanceId, client, () => client.RaiseEventAsync(instanceId, eventName, payload, cancellation), cancellation);
    }

    private static Task<IResult> TerminateAsync(HttpContext context, string instanceId, string? reason, DurableTaskClient client, CancellationToken cancellation)
        => WhileLiveAsync(context, instanceId, client, () => client.TerminateInstanceAsync(instanceId, reason, cancellation), cancellation);

    private static Task<IResult> SuspendAsync(HttpContext context, string instanceId, string? reason, DurableTaskClient client, CancellationToken cancellation)
        => WhileLiveAsync(context, instanceId, client, () => client.SuspendInstanceAsync(instanceId, reason, cancellation), cancellation);

    private static Task<IResult> ResumeAsync(HttpContext context, string instanceId, string? reason, DurableTaskClient client, CancellationToken cancellation)
        => WhileLiveAsync(context, instanceId, client, () => client.ResumeInstanceAsync(instanceId, reason, cancellation), cancellation);

    /// <summary>Starts the same orchestrator again with the same input, under a new id (or, if asked and the instance has ended, the same id).</summary>
    private static async Task<IResult> RestartAsync(HttpContext context, string instanceId, DurableTaskClient client, HistoryArchive archive, TaskHubSettings hub, IConfiguration configuration, CancellationToken cancellation)
    {
        if (!ManagementRequest.TryBool(context, "restartWithNewInstanceId", true, out bool newId, out IResult? problem))
        {
            return problem!;
        }

        OrchestrationMetadata? instance = await FindAsync(instanceId, client, cancellation);
        if (instance is null)
        {
            return ManagementRequest.UnknownInstance(context, instanceId);
        }

        if (!newId)
        {
            if (!instance.IsCompleted)
            {
                return StillRunning(context, instance, "Chỉ khởi động lại cùng mã khi tiến trình đã kết thúc.", "An instance can be restarted under the same id only once it has ended.");
            }

            await archive.ArchiveAndPurgeAsync(client, instanceId, cancellation);
        }

        JsonElement? input = instance.SerializedInput is { } text ? JsonDocument.Parse(text).RootElement.Clone() : null;
        string id = await client.ScheduleNewOrchestrationInstanceAsync(instance.Name, input, new StartOrchestrationOptions(newId ? null : instanceId), cancellation);
        return ManagementEndpoints.Accepted(context, configuration, hub, id);
    }

    private static async Task<IResult> PurgeAsync(HttpContext context, string instanceId, DurableTaskClient client, HistoryArchive archive, CancellationToken cancellation)
    {
        OrchestrationMetadata? instance = await FindAsync(instanceId, client, cancellation);
        if (instance is null)
        {
            return ManagementRequest.UnknownInstance(context, instanceId);
        }

        if (!instance.IsCompleted)
        {
            return StillRunning(context, instance, "Chỉ xóa được tiến trình đã kết thúc; hãy dừng nó trước.", "Only an ended instance can be purged; terminate it first.");
        }

        int purged = await archive.ArchiveAndPurgeAsync(client, instanceId, cancellation);
        return Results.Json(new PurgeBody(purged), statusCode: purged > 0 ? StatusCodes.Status200OK : StatusCodes.Status404NotFound);
    }

    /// <summary>Purge by filter; <c>createdTimeFrom</c> is required so no call wipes everything by accident. 404 when nothing matched.</summary>
    private static async Task<IResult> PurgeManyAsync(HttpContext context, DurableTaskClient client, HistoryArchive archive, CancellationToken cancellation)
    {
        if (!ManagementRequest.TryTime(context, "createdTimeFrom", out DateTimeOffset? from, out IResult? problem)
            || !ManagementRequest.TryTime(context, "createdTimeTo", out DateTimeOffset? to, out problem)
            || !ManagementRequest.TryStatuses(context, out var statuses, out problem))
        {
            return problem!;
        }

        if (from is null)
        {
            return ManagementRequest.Invalid(context, "createdTimeFrom", "Cần 'createdTimeFrom' để xóa theo bộ lọc.", "'createdTimeFrom' is required to purge by filter.");
        }

        int purged = await archive.ArchiveAndPurgeAllAsync(client, from, to, statuses, cancellation);
        return Results.Json(new PurgeBody(purged), statusCode: purged > 0 ? StatusCodes.Status200OK : StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> WhileLiveAsync(HttpContext context, string instanceId, DurableTaskClient client, Func<Task> send, CancellationToken cancellation)
    {
        OrchestrationMetadata? instance = await FindAsync(instanceId, client, cancellation);
        if (instance is null)
        {
            return ManagementRequest.UnknownInstance(context, instanceId);
        }

        if (instance.IsCompleted)
        {
            return ManagementRequest.Ended(context, instance);
        }

        try
        {
            await send();
        }
        catch (InstanceNotFoundException)
        {
            // Purged between the read and the send.
            return ManagementRequest.UnknownInstance(context, instanceId);
        }

        return Results.Accepted();
    }

    private static async Task<OrchestrationMetadata?> FindAsync(string instanceId, DurableTaskClient client, CancellationToken cancellation)
        => ManagementRequest.IsPossibleInstanceId(instanceId) ? await client.GetInstanceAsync(instanceId, true, cancellation) : null;

    private static IResult StillRunning(HttpContext context, OrchestrationMetadata instance, string vi, string en)
        => ApiProblem.Result(context, ProblemKind.Conflict, "instanceId", $"{vi} ({instance.RuntimeStatus})", $"{en} ({instance.RuntimeStatus})");

    private sealed record PurgeBody(int InstancesDeleted);
}
