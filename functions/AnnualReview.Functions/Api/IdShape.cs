using System.Text.RegularExpressions;
using AnnualReview.Assessment.Rules;
using AnnualReview.Functions.Problems;

namespace AnnualReview.Functions.Api;

/// <summary>
/// What an id in a route or a body may look like: short, of letters, digits and <c>. _ - ~ :</c>. Checked before
/// anything reads storage, so a 100 KB id is a 400 at once instead of a table key the storage refuses.
/// </summary>
public static partial class IdShape
{
    /// <summary>Units and members; roster ids are far shorter ("u-c01-g001-cell01", "m-000002").</summary>
    public const int MaxLength = 64;

    /// <summary>A cycle id is "cycle-{year}-" and its root unit's id.</summary>
    public const int MaxCycleLength = MaxLength + 16;

    public static bool IsValid(string? id, int maxLength = MaxLength) => id is { Length: > 0 } && id.Length <= maxLength && Allowed().IsMatch(id);

    /// <summary>The error for a bad id, quoting only its start (never echo a 100 KB value back).</summary>
    public static ValidationError Error(string field, string id, int maxLength = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(id);
        string shown = id.Length > 24 ? id[..24] + "…" : id;
        return new ValidationError("InvalidId", field,
            $"Mã \"{shown}\" ({id.Length} ký tự) không hợp lệ: tối đa {maxLength} ký tự, chỉ gồm chữ không dấu, chữ số và . _ - ~ :",
            $"The id \"{shown}\" ({id.Length} characters) is not valid: at most {maxLength} characters, of letters, digits and . _ - ~ :");
    }

    /// <summary>Refuses a request whose route ids (every route value named "…Id") are not id-shaped.</summary>
    public static async ValueTask<object?> RouteFilter(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(next);
        HttpContext context = invocation.HttpContext;
        foreach ((string name, object? value) in context.Request.RouteValues)
        {
            // Instance ids are the engine's (with their own separators); the management and audit APIs check them.
            if (!name.EndsWith("Id", StringComparison.Ordinal) || name == "instanceId" || value is not string id)
            {
                continue;
            }

            int max = name == "cycleId" ? MaxCycleLength : MaxLength;
            if (!IsValid(id, max))
            {
                return ApiProblem.Validation(context, [Error(name, id, max)]);
            }
        }

        return await next(invocation);
    }

    [GeneratedRegex("^[A-Za-z0-9._~:-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();
}
