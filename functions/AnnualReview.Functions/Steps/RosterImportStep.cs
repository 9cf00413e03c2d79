using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;
using AnnualReview.Functions.Api.Roster;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Steps;

/// <summary>One bad row of a refused import, in both languages: the line of the whole body and the row's path.</summary>
public sealed record RosterLineProblem(string Field, string Code, string MessageVi, string MessageEn, int? Line, string? Row);

/// <summary>What an import did: the changes, or why nothing was imported (every bad row listed).</summary>
public sealed record RosterImportOutcome(RosterImportResponse? Imported, StepRefusal? Refusal, IReadOnlyList<RosterLineProblem> Lines);

/// <summary>
/// The roster import (nhập danh sách), all or nothing, for the API and the page alike: read the JSON or the CSV
/// body (units, a blank line, members), check every row, check the tree is the caller's, then store it.
/// </summary>
public sealed class RosterImportStep(RosterService service, RosterStore roster, RosterImportScope scope, TimeProvider clock)
{
    /// <summary>Parse errors that mean the body itself could not be read, rather than a row being wrong.</summary>
    private static readonly HashSet<string> Unreadable = new(StringComparer.Ordinal)
    {
        RosterErrorCodes.MalformedJson, RosterErrorCodes.EmptyFile, RosterErrorCodes.UnclosedQuote, RosterErrorCodes.MissingColumn,
    };

    public async Task<RosterImportOutcome> ImportAsync(Caller caller, string text, bool csv, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(text);
        DateOnly today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        RosterImportResult validated;
        int membersLineOffset = 0;
        if (csv)
        {
            if (RosterCsvBody.Split(text) is not { } body)
            {
                return Refused(StepRefusal.Of(ProblemKind.MalformedBody, "body",
                    "Nội dung CSV gồm bảng đơn vị, một dòng trống, rồi bảng đảng viên.",
                    "The CSV body holds the units table, one blank line, then the members table."));
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
            return Rows(validated.Errors, membersLineOffset);
        }

        // Ids become table keys and route values: one the API could never address is refused here, not stored.
        List<RosterError> badIds =
        [
            .. validated.Units.Select((u, i) => (u.Id, Field: $"units[{i}].id")).Concat(validated.Members.Select((m, i) => (m.Id, Field: $"members[{i}].id")))
                .Where(x => !Api.IdShape.IsValid(x.Id))
                .Select(x => Api.IdShape.Error(x.Field, x.Id))
                .Select(e => new RosterError("roster.invalid-id", null, e.Field, e.MessageVi, e.MessageEn)),
        ];
        if (badIds.Count > 0)
        {
            return Rows(badIds, 0);
        }

        if (validated.Units.Count == 0)
        {
            // An empty roster would read as "every unit removed": never what anyone means to send.
            return Rows([new RosterError(RosterErrorCodes.NoRoot, null, "units", "Danh sách không có đơn vị nào.", "The roster has no units.")], 0);
        }

        if (await scope.FirstOutsideAsync(caller, validated.Units, cancellation) is { } outside)
        {
            string name = validated.Units.FirstOrDefault(u => u.Id == outside)?.Name ?? outside;
            return Refused(StepRefusal.Of(ProblemKind.OutOfScope, "units",
                $"Đơn vị {name} nằm ngoài phạm vi của bạn.", $"Unit {name} is outside your part of the tree."));
        }

        // An import is a whole tree from its root. A root that is stored under a parent would come loose from it.
        Unit root = validated.Units.First(u => u.ParentId is null);
        if (await roster.GetUnitAsync(root.Id, cancellation) is { ParentId: { } storedParent })
        {
            string parentName = (await roster.GetUnitAsync(storedParent, cancellation))?.Name ?? storedParent;
            return Rows([new RosterError("roster.root-has-parent", null, "units",
                $"Đơn vị {root.Name} đang thuộc {parentName}; hãy nhập cả cây từ đơn vị gốc.",
                $"Unit {root.Name} is stored under {parentName}; import the whole tree from its root.")], 0);
        }

        RosterImportReport report = await service.ImportAsync(validated, cancellation);
        return new RosterImportOutcome(RosterImportResponse.From(report.Changes!), null, []);
    }

    private static RosterImportOutcome Refused(StepRefusal refusal) => new(null, refusal, []);

    private static RosterImportOutcome Rows(IReadOnlyList<RosterError> errors, int membersLineOffset)
    {
        var lines = errors.Select(e => new RosterLineProblem(
            e.Field,
            e.Code,
            e.MessageVi,
            e.MessageEn,
            e.Line is { } line && e.Position?.Collection == "members" ? line + membersLineOffset : e.Line,
            e.Position?.Path)).ToList();
        RosterError first = errors[0];
        ProblemKind kind = errors.Any(e => Unreadable.Contains(e.Code)) ? ProblemKind.MalformedBody : ProblemKind.Validation;
        return new RosterImportOutcome(null, StepRefusal.Of(kind, first.Field.Length > 0 ? first.Field : first.Position?.Collection, first.MessageVi, first.MessageEn), lines);
    }
}
