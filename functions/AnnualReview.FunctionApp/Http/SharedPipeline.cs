using AnnualReview.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AnnualReview.FunctionApp.Http;

/// <summary>
/// The app's request pipeline (<see cref="AppPipeline"/>: sign-in, authorization, problems, idempotency, every
/// endpoint), built once over the worker's services, as the standalone host builds it over its own. The HTTP
/// function hands it each request's <see cref="HttpContext"/>; the endpoint that matches writes the answer.
/// </summary>
public sealed class SharedPipeline(IServiceProvider services)
{
    private readonly Lazy<RequestDelegate> _pipeline = new(() => Build(services));

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The worker's own pipeline matched the HTTP function, not an app endpoint: let routing start afresh.
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        return _pipeline.Value(context);
    }

    private static RequestDelegate Build(IServiceProvider services)
    {
        var app = new ApplicationBuilder(services);
        app.UseRouting();
        app.UseAppMiddleware();
        app.UseEndpoints(endpoints => endpoints.MapAppEndpoints());
        return app.Build();
    }
}
