using System.Text.Json;
using AnnualReview.Functions.Problems;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>Reads a JSON request body, answering a malformed or missing one as a problem instead of an exception page.</summary>
internal static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<(T? Body, IResult? Refusal)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, ApiProblem.Result(context, ProblemKind.MalformedBody, "body", "Cần gửi JSON (application/json).", "Send JSON (application/json)."));
        }

        try
        {
            T? body = await context.Request.ReadFromJsonAsync<T>(Options, context.RequestAborted);
            return body is null
                ? (null, ApiProblem.Result(context, ProblemKind.MalformedBody, "body", "Thiếu nội dung yêu cầu.", "The request body is missing."))
                : (body, null);
        }
        catch (JsonException malformed)
        {
            return (null, JsonProblems.Of(context, malformed));
        }
    }
}
