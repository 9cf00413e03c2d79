using System.Text;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Storage;
using Microsoft.Net.Http.Headers;

namespace AnnualReview.Functions.Api.Roster;

/// <summary>Roster import (all or nothing) and reading the unit tree.</summary>
public static class RosterEndpoints
{
    /// <summary>Parse errors that mean the body itself could not be read, rather than a row being wrong.</summary>
    private static readonly HashSet<string> Unreadable = new(StringComparer.Ordinal)
    {
        RosterErrorCodes.MalformedJson, RosterErrorCodes.EmptyFile, RosterErrorCodes.UnclosedQuote, RosterErrorCodes.MissingColumn,
    };

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

    private static async Task<IResult> ImportAsync(HttpContext context, RosterService service, RosterStore roster, RosterImportScope scope, TimeProvider clock, CancellationToken cancellation)
    {
        string? type = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out MediaTypeHeaderValue? media) ? media.MediaType.Value?.ToLowerInvariant() : null;
        if (type is not ("application/json" or "text/csv"))
        {
            return ApiProblem.Result(context, ProblemKind.UnsupportedContentType, "Content-Type",
                "Gửi danh sách dạng application/json hoặc text/csv.", "Send the roster as application/json or text/csv.");
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        string text = await reader.ReadToEndAsync(cancellation);
        DateOnly today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        RosterImportResult validated;
        int membersLineOffset = 0;
        if (type == "text/csv")
        {
            if (RosterCsvBody.Split(text) is not { } body)
            {
                return ApiProblem.Result(context, ProblemKind.MalformedBody, "body",
                    "Nội dung CSV gồm bảng đơn vị, một dòng trống, rồi bảng đảng viên.",
                    "The CSV body holds the units table, one blank line, then the members table.");
            }

            membersLineOffset = body.MembersFirstLine - 1;
            validated = RosterImport.FromCsv(new StringReader(body.Units), new StringReader(body.Members), today);
        }
        else
        {
            validated = RosterImport.FromJson(text, today);
        }

        if (!validated.Valid)
        {
            return Refused(context, validated.Errors, membersLineOffset);
        }

        if (validated.Units.Count == 0)
        {
            // An empty roster would read as "every unit removed": never what anyone means to send.
            return Refused(context, [new RosterError(RosterErrorCodes.NoRoot, null, "units", "Danh sách không có đơn vị nào.", "The roster has no units.")], 0);
        }

        if (await scope.FirstOutsideAsync(Caller.From(context.User), validated.Units, cancellation) is { } outside)
        {
            return ApiProblem.Result(context, ProblemKind.OutOfScope, "units",
                $"Đơn vị {outside} nằm ngoài phạm vi của bạn.", $"Unit {outside} is outside your part of the tree.");
        }

        // An import is a whole tree from its root. A root that is stored under a parent would come loose from it.
        Unit root = validated.Units.First(u => u.ParentId is null);
        if (await roster.GetUnitAsync(root.Id, cancellation) is { ParentId: { } storedParent })
        {
            return Refused(context, [new RosterError("roster.root-has-parent", null, "units",
                $"Đơn vị {root.Id} đang thuộc {storedParent}; hãy nhập cả cây từ đơn vị gốc.",
                $"Unit {root.Id} is stored under {storedParent}; import the whole tree from its root.")], 0);
        }

        RosterImportReport report = await service.ImportAsync(validated, cancellation);
        return Results.Ok(RosterImportResponse.From(report.Changes!));
    }

    private static IResult Refused(HttpContext context, IReadOnlyList<RosterError> errors, int membersLineOffset)
    {
        bool english = ApiProblem.PrefersEnglish(context);
        var rows = errors.Select(e => new RosterRowProblem(
            e.Field,
            e.Code,
            english ? e.MessageEn : e.MessageVi,
            e.Line is { } line && e.Position?.Collection == "members" ? line + membersLineOffset : e.Line,
            e.Position?.Path)).ToList();
        RosterError first = errors[0];
        ProblemKind kind = errors.Any(e => Unreadable.Contains(e.Code)) ? ProblemKind.MalformedBody : ProblemKind.Validation;
        Dictionary<string, object?> body = ApiProblem.Body(context, kind, first.Field.Length > 0 ? first.Field : first.Position?.Collection, first.MessageVi, first.MessageEn);
        body["errors"] = rows;
        return Results.Json(body, statusCode: kind.Status, contentType: ApiProblem.ContentType);
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
