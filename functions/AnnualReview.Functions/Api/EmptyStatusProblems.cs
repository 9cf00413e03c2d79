using AnnualReview.Functions.Problems;

namespace AnnualReview.Functions.Api;

/// <summary>
/// Answers that routing produces without a body (no such route, a content type no endpoint accepts) become
/// problem+json under <c>/api</c>, like every other error there.
/// </summary>
public static class EmptyStatusProblems
{
    public static IApplicationBuilder UseEmptyStatusProblems(this IApplicationBuilder app)
        => app.UseStatusCodePages(async context =>
        {
            HttpContext http = context.HttpContext;
            if (!http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            ProblemKind? kind = http.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => ProblemKind.NotFound,
                StatusCodes.Status415UnsupportedMediaType => ProblemKind.UnsupportedContentType,
                _ => null,
            };
            if (kind is not null)
            {
                string? field = kind == ProblemKind.UnsupportedContentType ? "Content-Type" : null;
                await ApiProblem.Result(http, kind, field).ExecuteAsync(http);
            }
        });
}
