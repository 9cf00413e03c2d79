using System.Text;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Steps;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Storage;
using Microsoft.Net.Http.Headers;

namespace AnnualReview.Functions.Api.Roster;

/// <summary>Roster import (all or nothing) and reading the unit tree.</summary>
public static class RosterEndpoints
{
    public static RouteGroupBuilder MapRoster(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        RouteGroupBuilder roster = api.MapGroup("/roster").WithTags("Roster");
        roster.MapPost("/import", ImportAsync)
            .RequireAuthorization(p => p.RequireRole(AppRoles.OrganizationBoard, AppRoles.Admin))
            .WithName("ImportRoster")
            .WithSummary("Import the roster (units and members), all or nothing")
            .WithDescription("JSON `{ \"units\": [...], \"members\": [...] }`, or `text/csv`: the units table, one blank line, then the members table. Every unit must lie in the caller's subtree. Refused with every bad row (line, field) when anything is wrong.")
            .Accepts<RosterDocument>("application/json", "text/csv")
            .Produces<RosterImportResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        roster.MapGet("/units/{unitId}", GetUnitAsync)
            .RequireAuthorization()
            .WithName("GetUnit")
            .WithSummary("A unit and the units directly under it")
            .Produces<UnitWithChildren>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        roster.MapGet("/units/{unitId}/members", UnitMembers.ListAsync)
            .RequireAuthorization(p => p.RequireRole(UnitMembers.ReaderRoles))
            .WithName("ListUnitMembers")
            .WithSummary("The members of every cell at or under a unit")
            .WithDescription("A cell secretary reads their cell, a committee its subtree, the board everything under it (an auditor reads, an admin everything); members are refused. Sorted by id; no phone or email. More than 5,000 members is a 422 `unit-too-large`: list the units below.")
            .Produces<UnitMembersView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return roster;
    }

    private static async Task<IResult> ImportAsync(HttpContext context, RosterImportStep step, CancellationToken cancellation)
    {
        string? type = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out MediaTypeHeaderValue? media) ? media.MediaType.Value?.ToLowerInvariant() : null;
        if (type is not ("application/json" or "text/csv"))
        {
            return ApiProblem.Result(context, ProblemKind.UnsupportedContentType, "Content-Type",
                "Gửi danh sách dạng application/json hoặc text/csv.", "Send the roster as application/json or text/csv.");
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        string text = await reader.ReadToEndAsync(cancellation);
        RosterImportOutcome outcome = await step.ImportAsync(Caller.From(context.User), text, type == "text/csv", cancellation);
        if (outcome.Refusal is not { } refusal)
        {
            return Results.Ok(outcome.Imported);
        }

        if (outcome.Lines.Count == 0)
        {
            return refusal.ToProblem(context);
        }

        bool english = ApiProblem.PrefersEnglish(context);
        Dictionary<string, object?> body = ApiProblem.Body(context, refusal.Kind, refusal.Field, refusal.DetailVi, refusal.DetailEn);
        body["errors"] = outcome.Lines.Select(l => new RosterRowProblem(l.Field, l.Code, english ? l.MessageEn : l.MessageVi, l.Line, l.Row)).ToList();
        return Results.Json(body, statusCode: refusal.Kind.Status, contentType: ApiProblem.ContentType);
    }

    private static async Task<IResult> GetUnitAsync(string unitId, HttpContext context, RosterStore roster, UnitScope scope, CancellationToken cancellation)
    {
        Unit? unit = await roster.GetUnitAsync(unitId, cancellation);
        if (unit is null)
        {
            return ApiProblem.Result(context, ProblemKind.UnknownUnit, "unitId");
        }

        if (!await scope.CoversAsync(Caller.From(context.User), unitId, cancellation))
        {
            return ApiProblem.Result(context, ProblemKind.OutOfScope, "unitId");
        }

        List<Unit> children = await roster.GetChildrenAsync(unitId, cancellation);
        return Results.Ok(new UnitWithChildren(UnitView.From(unit), [.. children.OrderBy(c => c.Id, StringComparer.Ordinal).Select(UnitView.From)]));
    }
}

/// <summary>The JSON import's shape, for the API description (the body is read by the domain's own reader, which reports lines).</summary>
public sealed record RosterDocument(IReadOnlyList<RosterDocumentUnit> Units, IReadOnlyList<RosterDocumentMember> Members);

public sealed record RosterDocumentUnit(string Id, string Name, string Kind, string? ParentId, string? Email);

public sealed record RosterDocumentMember(
    string Id,
    string FullName,
    string CellId,
    string Membership,
    DateOnly AdmittedOn,
    string? Standing,
    string? Leave,
    int? LeaveMonths,
    string? LeadershipPost,
    bool? OutsidePoliticalSystem,
    string? Email,
    string? Phone);
