using System.Text.Json;
using System.Text.Json.Serialization;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>
/// Successful replies of the review endpoints. Levels and stages are written by name ("Excellent", not 0), as
/// clients and people read them, whatever the app's general JSON settings are.
/// </summary>
internal static class ReviewResults
{
    public static readonly JsonSerializerOptions Json = CreateOptions();

    public static IResult Ok<T>(T value) => Results.Json(value, Json);

    public static IResult Created<T>(HttpContext context, string location, T value) => WithLocation(context, location, Results.Json(value, Json, statusCode: StatusCodes.Status201Created));

    public static IResult Accepted<T>(HttpContext context, string? location, T value)
        => location is null ? Results.Json(value, Json, statusCode: StatusCodes.Status202Accepted) : WithLocation(context, location, Results.Json(value, Json, statusCode: StatusCodes.Status202Accepted));

    private static IResult WithLocation(HttpContext context, string location, IResult result)
    {
        context.Response.Headers.Location = $"{context.Request.PathBase}{location}";
        return result;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
