using AnnualReview.Functions.Api;
using AnnualReview.Functions.Web;
using AnnualReview.TaskHub;
using AnnualReview.TaskHub.Sealing;
using AnnualReview.TaskHub.Status;

namespace AnnualReview.Functions;

/// <summary>
/// The app's request pipeline, the same under both hosts: sign-in, authorization, the API's problem and
/// idempotency middleware, then every endpoint. The standalone host puts it on its <c>WebApplication</c>; the
/// Functions app builds it once and hands it each request its HTTP function receives.
/// </summary>
public static class AppPipeline
{
    /// <summary>Middleware in the order endpoints need it: idempotency keys are kept per signed-in caller.</summary>
    public static IApplicationBuilder UseAppMiddleware(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseApiMiddleware();
        return app;
    }

    /// <summary>The status page at <c>/</c>, the inbox, the web pages, the API, its documents and the development helpers.</summary>
    public static IEndpointRouteBuilder MapAppEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapInbox();
        endpoints.MapGet("/", async (TaskHubStorage hub, RetriedMessages retried, HistorySealer sealer, CancellationToken cancellation) =>
            Results.Ok(await EngineStatus.ReadAsync(hub, retried, sealer, cancellation)));
        endpoints.MapWebUi();
        endpoints.MapApi();
        return endpoints;
    }
}
