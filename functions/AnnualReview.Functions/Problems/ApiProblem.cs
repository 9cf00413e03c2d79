using AnnualReview.Assessment.Rules;

namespace AnnualReview.Functions.Problems;

/// <summary>One field at fault, with its message in the request's language.</summary>
public sealed record FieldProblem(string Field, string Code, string Message);

/// <summary>
/// Builds <c>application/problem+json</c> replies: stable <c>type</c>, <c>title</c> in Vietnamese (default) or
/// English (when <c>Accept-Language</c> prefers it), the <c>field</c> at fault and, for validation, every error.
/// </summary>
public static class ApiProblem
{
    public const string ContentType = "application/problem+json";

    /// <summary>Vietnamese unless the caller's first language preference is English.</summary>
    public static bool PrefersEnglish(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var accepted = context.Request.GetTypedHeaders().AcceptLanguage;
        var first = accepted.Where(l => l.Quality is null or > 0).OrderByDescending(l => l.Quality ?? 1).FirstOrDefault();
        return first is not null && first.Value.Value is { } tag && tag.StartsWith("en", StringComparison.OrdinalIgnoreCase);
    }

    public static IResult Result(HttpContext context, ProblemKind kind, string? field = null, string? detailVi = null, string? detailEn = null, IEnumerable<FieldProblem>? errors = null)
        => Results.Json(Body(context, kind, field, detailVi, detailEn, errors), statusCode: kind.Status, contentType: ContentType);

    /// <summary>A validation failure from the domain: the first error names the field, all are listed.</summary>
    public static IResult Validation(HttpContext context, IReadOnlyList<ValidationError> errors, ProblemKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        bool english = PrefersEnglish(context);
        var fields = errors.Select(e => new FieldProblem(e.Field, e.Code, english ? e.MessageEn : e.MessageVi)).ToList();
        ValidationError? first = errors.Count > 0 ? errors[0] : null;
        return Result(context, kind ?? ProblemKind.Validation, first?.Field, first?.MessageVi, first?.MessageEn, fields);
    }

    public static Dictionary<string, object?> Body(HttpContext context, ProblemKind kind, string? field = null, string? detailVi = null, string? detailEn = null, IEnumerable<FieldProblem>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        bool english = PrefersEnglish(context);
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["type"] = kind.Type,
            ["title"] = english ? kind.TitleEn : kind.TitleVi,
            ["status"] = kind.Status,
        };
        string? detail = english ? detailEn ?? detailVi : detailVi ?? detailEn;
        if (detail is not null)
        {
            body["detail"] = detail;
        }

        if (field is not null)
        {
            body["field"] = field;
        }

        if (errors is not null)
        {
            body["errors"] = errors.ToList();
        }

        body["instance"] = context.Request.Path.Value;
        body["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier;
        return body;
    }
}
