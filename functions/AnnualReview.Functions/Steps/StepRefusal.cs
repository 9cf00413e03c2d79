using AnnualReview.Assessment.Rules;
using AnnualReview.Functions.Problems;

namespace AnnualReview.Functions.Steps;

/// <summary>
/// Why a step refused a request, once for both doors: the API answers it as a problem, a page shows it in words
/// beside what the person typed. <see cref="Errors"/> holds every field at fault when there are several.
/// </summary>
public sealed record StepRefusal(ProblemKind Kind, string? Field, string? DetailVi, string? DetailEn, IReadOnlyList<ValidationError> Errors)
{
    public static StepRefusal Of(ProblemKind kind, string? field, string? detailVi = null, string? detailEn = null) => new(kind, field, detailVi, detailEn, []);

    public static StepRefusal Invalid(IReadOnlyList<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ValidationError? first = errors.Count > 0 ? errors[0] : null;
        return new StepRefusal(ProblemKind.Validation, first?.Field, first?.MessageVi, first?.MessageEn, errors);
    }

    /// <summary>The problem the API answers with.</summary>
    public IResult ToProblem(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Errors.Count > 0 && Kind == ProblemKind.Validation)
        {
            return ApiProblem.Validation(context, Errors);
        }

        bool english = ApiProblem.PrefersEnglish(context);
        return ApiProblem.Result(context, Kind, Field, DetailVi, DetailEn,
            Errors.Count == 0 ? null : Errors.Select(e => new FieldProblem(e.Field, e.Code, english ? e.MessageEn : e.MessageVi)));
    }

    /// <summary>The sentence a page shows: the detail, else the problem's title.</summary>
    public string Sentence(bool english) => english ? DetailEn ?? DetailVi ?? Kind.TitleEn : DetailVi ?? DetailEn ?? Kind.TitleVi;
}
