using System.Diagnostics;
using AnnualReview.TaskHub;
using AnnualReview.TaskHub.Sealing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using AnnualReview.Functions.Observability;
using AnnualReview.Functions.Problems;

namespace AnnualReview.Functions.Management;

/// <summary>
/// The Durable Functions HTTP management API for the standalone host (on Azure the Durable extension serves its own), under <c>/runtime/webhooks/durabletask</c>, so
/// the tools and scripts written for Durable Functions work unchanged: start, status, list, raise event,
/// terminate, suspend, resume, restart and purge.
/// </summary>
public static class ManagementEndpoints
{
    public static IServiceCollection AddManagementApi(this IServiceCollection services)
        => services.AddSingleton<ManagementAccess>().AddSingleton<InstanceVisibility>();

    public static IEndpointRouteBuilder MapManagementApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        ManagementAccess access = app.ServiceProvider.GetRequiredService<ManagementAccess>();
        RouteGroupBuilder api = app.MapGroup(ManagementLinks.Root)
            .AddEndpointFilter(ScopeAsync)
            .AddEndpointFilter(access.FilterAsync);
        api.MapPost("/orchestrators/{functionName}/{instanceId?}", StartAsync);
        api.MapGet("/instances/{instanceId}", StatusAsync);
        api.MapGet("/instances", ListAsync);
        ManagementWrites.Map(api);
        return app;
    }

    /// <summary>Every log line and span of a management call names the instance it is about.</summary>
    private static async ValueTask<object?> ScopeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        HttpContext context = invocation.HttpContext;
        string? instanceId = context.GetRouteValue("instanceId") as string;
        if (instanceId is null)
        {
            return await next(invocation);
        }

        Activity.Current?.SetTag(AppTracing.InstanceIdTag, instanceId);
        ILogger logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("AnnualReview.Management");
        using IDisposable? scope = logger.BeginScope(new Dictionary<string, object> { ["InstanceId"] = instanceId });
        object? result = await next(invocation);
        logger.LogInformation("Management {Method} {Path} for instance {InstanceId}.", context.Request.Method, context.Request.Path.Value, instanceId);
        return result;
    }

    private static async Task<IResult> StartAsync(HttpContext context, string functionName, string? instanceId, DurableTaskClient client, RegisteredTasks registered, TaskHubSettings hub, IConfiguration configuration, CancellationToken cancellation)
    {
        if (!registered.Orchestrators.Contains(functionName))
        {
            return ApiProblem.Result(context, ProblemKind.NotFound, "functionName", $"Không có hàm điều phối '{functionName}'.", $"No orchestrator named '{functionName}' is registered.");
        }

        if (instanceId is not null && !ManagementRequest.IsPossibleInstanceId(instanceId))
        {
            return ManagementRequest.Invalid(context, "instanceId", "Mã tiến trình dài 1–256 ký tự, không chứa '/', '\\', '#', '?' hay ký tự điều khiển.", "An instance id is 1–256 characters without '/', '\\', '#', '?' or control characters.");
        }

        var (ok, input, problem) = await ManagementRequest.ReadJsonAsync(context, cancellation);
        if (!ok)
        {
            return problem!;
        }

        if (instanceId is not null && await client.GetInstanceAsync(instanceId, false, cancellation) is { } existing)
        {
            // Durable Functions would replace an ended instance and its history; an auditor's record is not replaced here.
            return ApiProblem.Result(context, ProblemKind.Conflict, "instanceId",
                $"Đã có tiến trình '{instanceId}' ({existing.RuntimeStatus}); hãy xóa nó trước khi dùng lại mã này.",
                $"Instance '{instanceId}' already exists ({existing.RuntimeStatus}); purge it before reusing the id.");
        }

        string id = await client.ScheduleNewOrchestrationInstanceAsync(functionName, input, new StartOrchestrationOptions(instanceId), cancellation);
        Activity.Current?.SetTag(AppTracing.InstanceIdTag, id);
        return Accepted(context, configuration, hub, id);
    }

    internal static IResult Accepted(HttpContext context, IConfiguration configuration, TaskHubSettings hub, string instanceId)
    {
        ManagementLinks links = ManagementLinks.For(context, configuration, hub.HubName, instanceId);
        context.Response.Headers.Location = links.StatusQueryGetUri;
        return Results.Json(links, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> StatusAsync(HttpContext context, string instanceId, DurableTaskClient client, HistoryVerifier verifier, InstanceVisibility visibility, TaskHubSettings hub, IConfiguration configuration, CancellationToken cancellation)
    {
        if (!ManagementRequest.TryBool(context, "showHistory", false, out bool showHistory, out IResult? problem)
            || !ManagementRequest.TryBool(context, "showHistoryOutput", false, out bool showHistoryOutput, out problem)
            || !ManagementRequest.TryBool(context, "showInput", true, out bool showInput, out problem)
            || !ManagementRequest.TryBool(context, "returnInternalServerErrorOnFailure", false, out bool failureIs500, out problem))
        {
            return problem!;
        }

        OrchestrationMetadata? instance = ManagementRequest.IsPossibleInstanceId(instanceId) ? await client.GetInstanceAsync(instanceId, true, cancellation) : null;
        if (instance is null)
        {
            return ManagementRequest.UnknownInstance(context, instanceId);
        }

        if (!await visibility.SeesAsync(context, instance, cancellation))
        {
            return ApiProblem.Result(context, ProblemKind.OutOfScope, "instanceId",
                $"Tiến trình '{instanceId}' không thuộc phần cây của bạn.", $"Instance '{instanceId}' is not in your part of the tree.");
        }

        Dictionary<string, object?> body = InstanceStatusBody.For(instance, showInput);
        if (showHistory)
        {
            VerifiedHistory history = await verifier.ReadAndVerifyAsync(instanceId, cancellation);
            body["historyEvents"] = InstanceStatusBody.History(history.Events, showInput, showHistoryOutput);
        }

        if (instance.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running
            or OrchestrationRuntimeStatus.Suspended)
        {
            context.Response.Headers.Location = ManagementLinks.For(context, configuration, hub.HubName, instanceId).StatusQueryGetUri;
            context.Response.Headers.RetryAfter = "5";
            return Results.Json(body, statusCode: StatusCodes.Status202Accepted);
        }

        int status = failureIs500 && instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
        return Results.Json(body, statusCode: status);
    }

    private static async Task<IResult> ListAsync(HttpContext context, DurableTaskClient client, InstanceVisibility visibility, CancellationToken cancellation)
    {
        if (!ManagementRequest.TryStatuses(context, out var statuses, out IResult? problem)
            || !ManagementRequest.TryTime(context, "createdTimeFrom", out DateTimeOffset? from, out problem)
            || !ManagementRequest.TryTime(context, "createdTimeTo", out DateTimeOffset? to, out problem)
            || !ManagementRequest.TryTop(context, out int? top, out problem)
            || !ManagementRequest.TryBool(context, "showInput", false, out bool showInput, out problem)
            || !ManagementRequest.TryContinuation(context, out string? token, out problem))
        {
            return problem!;
        }

        var query = new OrchestrationQuery
        {
            Statuses = statuses,
            CreatedFrom = from,
            CreatedTo = to,
            InstanceIdPrefix = context.Request.Query["instanceIdPrefix"].FirstOrDefault(),
            PageSize = top ?? 100,
            ContinuationToken = token,
            // Outputs and custom status live with the instance, not in the index row.
            FetchInputsAndOutputs = true,
        };
        Page<OrchestrationMetadata>? page = null;
        await foreach (Page<OrchestrationMetadata> first in client.GetAllInstancesAsync(query).AsPages(token, query.PageSize).WithCancellation(cancellation))
        {
            page = first;
            break;
        }

        string? next = page?.ContinuationToken;
        if (next is not null)
        {
            context.Response.Headers[ManagementRequest.ContinuationHeader] = ManagementRequest.EncodeContinuation(next);
        }

        // A page keeps its continuation even when some of its instances are out of the caller's sight, so a
        // scoped caller may see short pages; following the continuation still reaches every instance they may read.
        var visible = new List<Dictionary<string, object?>>();
        foreach (OrchestrationMetadata instance in page?.Values ?? [])
        {
            if (await visibility.SeesAsync(context, instance, cancellation))
            {
                visible.Add(InstanceStatusBody.For(instance, showInput));
            }
        }

        return Results.Json(visible);
    }
}
