using System.Text.Json;
using AnnualReview.Assessment.Cycle;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;
using AnnualReview.TaskHub;
using Microsoft.DurableTask.Client;
using AnnualReview.Functions.Idempotency;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AnnualReview.Functions.Api.Cycles;

/// <summary>Starting cycles and reading their progress, late lists and reports.</summary>
public static class CycleEndpoints
{
    public static RouteGroupBuilder MapCycles(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        RouteGroupBuilder cycles = api.MapGroup("/cycles").WithTags("Cycles");
        cycles.MapPost("/", StartAsync)
            .RequireAuthorization(p => p.RequireRole(AppRoles.OrganizationBoard, AppRoles.Admin))
            .WithName("StartCycle")
            .WithSummary("Start the year's cycle for a subtree")
            .WithDescription("Validated like the domain validator (every field at fault listed). A cycle (year and root unit) starts once: starting it again, running or ended, is a 409 `cycle-exists`, except a retry with the Idempotency-Key that started it, which gets the first answer. A cycle whose cell meetings' day has gone is a 422 `date-passed` naming the first due date gone. `admissionReferenceDate` (optional) is the day \"admitted under 6 months\" counts back from; the rule set's (31 December) when absent.")
            .Accepts<CycleStartRequest>("application/json")
            .Produces<CycleStarted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        RouteHandlerBuilder Read(RouteHandlerBuilder route, string name, string summary) => route
            .RequireAuthorization(p => p.RequireRole(CycleAccess.ReaderRoles))
            .WithName(name)
            .WithSummary(summary)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        Read(cycles.MapGet("/", ListAsync), "ListCycles", "The cycles the caller takes part in or oversees").Produces<IReadOnlyList<CycleSummary>>();
        Read(cycles.MapGet("/{cycleId}", GetAsync), "GetCycle", "A cycle's status and the progress of every unit in the caller's subtree").Produces<CycleProgress>();
        Read(cycles.MapGet("/{cycleId}/units/{unitId}", GetUnitAsync), "GetCycleUnit", "One unit's progress and its children's").Produces<UnitProgress>();
        Read(cycles.MapGet("/{cycleId}/late", LateAsync), "ListLate", "Late reports: who owed what, who was reminded and escalated to, when").Produces<LateList>();
        Read(cycles.MapGet("/{cycleId}/reports/{unitId}.csv", (string cycleId, string unitId, HttpContext context, CycleReports reports, CancellationToken cancellation)
                => reports.DownloadAsync(context, cycleId, unitId, CycleReports.Csv, cancellation)), "GetReportCsv", "The unit's results report as CSV (Vietnamese, or English when Accept-Language prefers it)")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        Read(cycles.MapGet("/{cycleId}/reports/{unitId}.xlsx", (string cycleId, string unitId, HttpContext context, CycleReports reports, CancellationToken cancellation)
                => reports.DownloadAsync(context, cycleId, unitId, CycleReports.Xlsx, cancellation)), "GetReportXlsx", "The unit's results report as an Excel workbook")
            .Produces(StatusCodes.Status200OK, contentType: CycleReports.XlsxType);
        return cycles;
    }

    private static async Task<IResult> StartAsync(HttpContext context, CycleStarter starter, TaskHubSettings hub, RosterStore roster, UnitScope scope, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellation)
    {
        bool parsed = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out MediaTypeHeaderValue? media);
        if (!parsed || media!.MediaType.Value?.ToLowerInvariant() != "application/json")
        {
            return ApiProblem.Result(context, ProblemKind.UnsupportedContentType, "Content-Type", "Gửi kế hoạch dạng application/json.", "Send the cycle definition as application/json.");
        }

        CycleStartRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<CycleStartRequest>(context.Request.Body, json.Value.SerializerOptions, cancellation);
        }
        catch (JsonException e)
        {
            return JsonProblems.Of(context, e);
        }

        if (request is null)
        {
            return ApiProblem.Result(context, ProblemKind.MalformedBody, "body");
        }

        (CycleDefinition? definition, IReadOnlyList<ValidationError> missing) = request.ToDefinition();
        if (definition is null)
        {
            return ApiProblem.Validation(context, missing);
        }

        var errors = new List<ValidationError>(CycleDefinitionValidator.Validate(definition));
        Unit? root = await roster.GetUnitAsync(definition.RootUnitId, cancellation);
        if (root is null)
        {
            errors.Add(new("UnknownUnit", "rootUnitId", $"Không có đơn vị \"{definition.RootUnitId}\".", $"There is no unit \"{definition.RootUnitId}\"."));
        }
        else if (root.Kind is not (UnitKind.OrganizationBoard or UnitKind.Committee))
        {
            errors.Add(new("NotARootUnit", "rootUnitId", "Đợt đánh giá bắt đầu từ Ban Tổ chức hoặc một cấp ủy.", "A cycle starts at an organization board or a committee."));
        }

        await CheckOverridesAsync(definition, scope, errors, cancellation);
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(context, errors);
        }

        if (!await scope.CoversAsync(Caller.From(context.User), definition.RootUnitId, cancellation))
        {
            return ApiProblem.Result(context, ProblemKind.OutOfScope, "rootUnitId");
        }

        CycleStartResult started = await starter.StartAsync(definition, null, RequestKeys.FromApi(context), cancellation);
        if (!started.Started)
        {
            return started.Exists ? ApiProblem.Validation(context, started.Errors, CycleProblems.CycleExists)
                : started.Errors.Any(e => e.Code == CycleDefinitionValidator.DatePassedCode) ? ApiProblem.Validation(context, started.Errors, CycleProblems.DatePassed)
                : ApiProblem.Validation(context, started.Errors);
        }

        var links = CycleStarted.For(context.Request, started.CycleId!, hub.HubName);
        return Results.Accepted(links.CycleUri, links);
    }

    /// <summary>A unit's own dates must name a unit inside the cycle's subtree.</summary>
    private static async Task CheckOverridesAsync(CycleDefinition definition, UnitScope scope, List<ValidationError> errors, CancellationToken cancellation)
    {
        for (int i = 0; i < definition.Overrides.Count; i++)
        {
            string unitId = definition.Overrides[i].UnitId;
            if (string.IsNullOrWhiteSpace(unitId))
            {
                continue;
            }

            string[]? chain = await scope.ChainAsync(unitId, cancellation);
            if (chain is null || !chain.Contains(definition.RootUnitId, StringComparer.Ordinal))
            {
                errors.Add(new("UnknownUnit", $"overrides[{i}].unitId", $"Không có đơn vị \"{unitId}\" trong đợt này.", $"There is no unit \"{unitId}\" in this cycle's subtree."));
            }
        }
    }

    private static async Task<IResult> ListAsync(HttpContext context, CycleAccess access, CancellationToken cancellation)
    {
        var caller = Caller.From(context.User);
        var visible = new List<CycleSummary>();
        await foreach (CycleRecord cycle in access.AllAsync(cancellation))
        {
            if (await access.SeesAsync(caller, cycle, cancellation))
            {
                visible.Add(CycleSummary.From(cycle));
            }
        }

        return Results.Ok(visible.OrderByDescending(c => c.Year).ThenBy(c => c.CycleId, StringComparer.Ordinal).ToList());
    }

    /// <summary>The cycle if the caller may see it, or the problem to answer with.</summary>
    internal static async Task<(CycleRecord? Cycle, IResult? Problem)> SeenCycleAsync(HttpContext context, CycleAccess access, string cycleId, CancellationToken cancellation)
    {
        CycleRecord? cycle = await access.FindAsync(cycleId, cancellation);
        if (cycle is null)
        {
            return (null, ApiProblem.Result(context, ProblemKind.NotFound, "cycleId"));
        }

        return await access.SeesAsync(Caller.From(context.User), cycle, cancellation)
            ? (cycle, null)
            : (null, ApiProblem.Result(context, ProblemKind.OutOfScope, "cycleId"));
    }

    private static async Task<IResult> GetAsync(string cycleId, HttpContext context, CycleAccess access, ReadModelStore readModels, CancellationToken cancellation)
    {
        (CycleRecord? cycle, IResult? problem) = await SeenCycleAsync(context, access, cycleId, cancellation);
        if (cycle is null)
        {
            return problem!;
        }

        List<ProgressRow> rows = await readModels.ReadProgressAsync(cycleId, cancellation);
        HashSet<string>? visible = await access.VisibleUnitsAsync(Caller.From(context.User), cycle, rows, cancellation);
        List<ProgressRow> seen = [.. rows.Where(r => visible is null || visible.Contains(r.UnitId)).OrderBy(r => r.Kind).ThenBy(r => r.UnitId, StringComparer.Ordinal)];
        return Results.Ok(new CycleProgress(CycleSummary.From(cycle), cycle.Instance.SerializedCustomStatus, ProgressTotals.Of(seen), seen));
    }

    private static async Task<IResult> GetUnitAsync(string cycleId, string unitId, HttpContext context, CycleAccess access, UnitScope scope, ReadModelStore readModels, CancellationToken cancellation)
    {
        (CycleRecord? cycle, IResult? problem) = await SeenCycleAsync(context, access, cycleId, cancellation);
        if (cycle is null)
        {
            return problem!;
        }

        if (!await scope.CoversAsync(Caller.From(context.User), unitId, cancellation))
        {
            return ApiProblem.Result(context, ProblemKind.OutOfScope, "unitId");
        }

        ProgressRow? row = await readModels.ReadProgressAsync(cycleId, unitId, cancellation);
        if (row is null)
        {
            return ApiProblem.Result(context, ProblemKind.NotFound, "unitId");
        }

        List<ProgressRow> rows = await readModels.ReadProgressAsync(cycleId, cancellation);
        return Results.Ok(new UnitProgress(cycleId, row, [.. rows.Where(r => r.ParentId == unitId).OrderBy(r => r.UnitId, StringComparer.Ordinal)]));
    }

    private static async Task<IResult> LateAsync(string cycleId, HttpContext context, CycleAccess access, ReadModelStore readModels, CancellationToken cancellation)
    {
        (CycleRecord? cycle, IResult? problem) = await SeenCycleAsync(context, access, cycleId, cancellation);
        if (cycle is null)
        {
            return problem!;
        }

        HashSet<string>? visible = await access.VisibleUnitsAsync(Caller.From(context.User), cycle, await readModels.ReadProgressAsync(cycleId, cancellation), cancellation);
        List<LateEntry> late = await readModels.ReadLateAsync(cycleId, cancellation);
        return Results.Ok(new LateList(cycleId, [.. late.Where(l => visible is null || visible.Contains(l.UnitId)).OrderBy(l => l.Due).ThenBy(l => l.UnitId, StringComparer.Ordinal)]));
    }
}
