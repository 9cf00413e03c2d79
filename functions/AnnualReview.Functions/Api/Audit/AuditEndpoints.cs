using AnnualReview.TaskHub.Sealing;
using Microsoft.DurableTask.Client;
using AnnualReview.Functions.Api.Cycles;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Api.Audit;

/// <summary>The audit API: an instance's history with the verification of its hash chain, and a cycle's export with its manifest.</summary>
public static class AuditEndpoints
{
    public static readonly string[] AuditRoles = [AppRoles.Auditor, AppRoles.Admin, AppRoles.OrganizationBoard];

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        RouteGroupBuilder audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(p => p.RequireRole(AuditRoles));
        audit.MapGet("/instances/{instanceId}/history", HistoryAsync)
            .WithName("GetInstanceHistory")
            .WithSummary("An instance's full history (time, type, name, payload, seal) and whether it matches its seals")
            .Produces<AuditHistory>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        audit.MapGet("/cycles/{cycleId}/export", (string cycleId, HttpContext context, CycleAccess access, AuditExport export, CancellationToken cancellation)
                => StreamAsync(context, access, cycleId, AuditExport.LinesContentType, (body, c) => export.WriteLinesAsync(cycleId, body, c), cancellation))
            .WithName("ExportCycleHistory")
            .WithSummary("JSON Lines: every history event of every instance of the cycle, streamed")
            .Produces(StatusCodes.Status200OK, contentType: AuditExport.LinesContentType)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        audit.MapGet("/cycles/{cycleId}/manifest", (string cycleId, HttpContext context, CycleAccess access, AuditExport export, CancellationToken cancellation)
                => StreamAsync(context, access, cycleId, "application/json", (body, c) => export.WriteManifestAsync(cycleId, TimeProvider.System.GetUtcNow(), body, c), cancellation))
            .WithName("GetCycleExportManifest")
            .WithSummary("Per instance: SHA-256 of its exported lines, event count and verification; and the SHA-256 of the whole export")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return audit;
    }

    private static async Task<IResult> HistoryAsync(string instanceId, HttpContext context, DurableTaskClient client, HistoryVerifier verifier, RosterStore roster, UnitScope scope, CancellationToken cancellation)
    {
        OrchestrationMetadata? instance = await client.GetInstanceAsync(instanceId, true, cancellation);
        if (instance is null)
        {
            return ApiProblem.Result(context, ProblemKind.NotFound, "instanceId");
        }

        string? unitId = await UnitOfAsync(instance, roster, cancellation);
        var caller = Caller.From(context.User);
        bool allowed = unitId is null ? caller.Is(AppRoles.Admin) : await scope.CoversAsync(caller, unitId, cancellation);
        if (!allowed)
        {
            return ApiProblem.Result(context, ProblemKind.OutOfScope, "instanceId");
        }

        VerifiedHistory history = await verifier.ReadAndVerifyAsync(instanceId, cancellation);
        return Results.Ok(new AuditHistory(instanceId, instance.Name, instance.RuntimeStatus.ToString(),
            [.. history.Events.Select(e => AuditEvent.From(e, history.SealOf(e.Seq)))], history.Verification));
    }

    /// <summary>
    /// The unit an instance works for, read from its id where the id follows the tree ({cycle}~{unit}), from the
    /// member's cell for a re-rating, from the input for a cycle. Null for anything else (only admins read those).
    /// </summary>
    internal static async Task<string?> UnitOfAsync(OrchestrationMetadata instance, RosterStore roster, CancellationToken cancellation)
    {
        string id = instance.InstanceId;
        if (id.StartsWith("rerate~", StringComparison.Ordinal))
        {
            string[] parts = id.Split('~');
            return parts.Length > 1 && await roster.GetMemberAsync(parts[1], cancellation) is { } member ? member.CellId : null;
        }

        int tilde = id.IndexOf('~', StringComparison.Ordinal);
        if (tilde > 0)
        {
            return id[(tilde + 1)..];
        }

        return WorkflowNames.OrchestratorOf(instance.Name) == WorkflowNames.Cycle ? instance.ReadInputAs<CycleInput>()?.RootUnitId : null;
    }

    /// <summary>The whole cycle must lie in the caller's subtree; then the body streams as it is produced.</summary>
    private static async Task<IResult> StreamAsync(HttpContext context, CycleAccess access, string cycleId, string contentType, Func<Stream, CancellationToken, Task> write, CancellationToken cancellation)
    {
        CycleRecord? cycle = await access.FindAsync(cycleId, cancellation);
        if (cycle is null)
        {
            return ApiProblem.Result(context, ProblemKind.NotFound, "cycleId");
        }

        if (!await access.CoversWholeAsync(Caller.From(context.User), cycle, cancellation))
        {
            return ApiProblem.Result(context, ProblemKind.OutOfScope, "cycleId");
        }

        return Results.Stream(async body => await write(body, cancellation), contentType);
    }
}
