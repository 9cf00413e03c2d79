using System.Text.Json;
using System.Text.RegularExpressions;
using AnnualReview.Assessment.Rules;
using AnnualReview.Functions.Problems;

namespace AnnualReview.Functions.Api;

/// <summary>
/// A JSON body the serializer could not bind, told as the field at fault (its JSON path) and what it should hold,
/// never the serializer's own message, which names .NET types ("System.Nullable`1[System.Int32]").
/// </summary>
public static partial class JsonProblems
{
    public static IResult Of(HttpContext context, JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        string field = FieldOf(exception.Path) is { Length: > 0 } path ? path : "body";
        ValidationError error = ErrorOf(field, exception.Message);
        bool english = ApiProblem.PrefersEnglish(context);
        return ApiProblem.Result(context, ProblemKind.MalformedBody, field, error.MessageVi, error.MessageEn,
            [new FieldProblem(error.Field, error.Code, english ? error.MessageEn : error.MessageVi)]);
    }

    /// <summary>"$.dueDates.selfReview" → "dueDates.selfReview"; "$.tallies[0].votes.Good" stays indexed.</summary>
    public static string FieldOf(string? path)
        => string.IsNullOrEmpty(path) || path == "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>The error for <paramref name="field"/>, from the kind of value the serializer wanted (read off its message).</summary>
    public static ValidationError ErrorOf(string field, string serializerMessage)
    {
        ArgumentNullException.ThrowIfNull(serializerMessage);
        if (ConvertedTo().Match(serializerMessage) is not { Success: true } match)
        {
            return new ValidationError("InvalidJson", field,
                $"Nội dung JSON không đúng cú pháp (tại {field}).", $"The JSON is not well-formed (at {field}).");
        }

        (string vi, string en) = Expected(match.Groups["type"].Value);
        return new ValidationError("InvalidValue", field, $"Giá trị của {field} không đọc được: cần {vi}.", $"The value of {field} could not be read: expected {en}.");
    }

    private static (string Vi, string En) Expected(string type)
    {
        string name = type.Contains("Nullable", StringComparison.Ordinal) && type.LastIndexOf('[') is var open and >= 0
            ? type[(open + 1)..].TrimEnd(']')
            : type;
        return name switch
        {
            "System.Int32" or "System.Int64" or "System.Int16" => ("một số nguyên", "a whole number"),
            "System.Decimal" or "System.Double" or "System.Single" => ("một số", "a number"),
            "System.DateOnly" or "System.DateTime" or "System.DateTimeOffset" => ("một ngày dạng yyyy-MM-dd", "a date written yyyy-MM-dd"),
            "System.TimeOnly" => ("một giờ dạng HH:mm", "a time written HH:mm"),
            "System.TimeSpan" => ("một khoảng thời gian dạng d.hh:mm:ss", "a duration written d.hh:mm:ss"),
            "System.Boolean" => ("true hoặc false", "true or false"),
            "System.String" => ("một chuỗi", "a string"),
            _ when name.Contains("List", StringComparison.Ordinal) || name.EndsWith("[]", StringComparison.Ordinal) => ("một danh sách", "a list"),
            _ when name.Contains("Dictionary", StringComparison.Ordinal) => ("một đối tượng JSON", "a JSON object"),
            _ => ("một giá trị hợp lệ", "an allowed value"),
        };
    }

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.? Path", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertedTo();
}
