using System.Net;
using AnnualReview.Functions.Periodic;

namespace AnnualReview.Functions.Host;

/// <summary>
/// The Azure Functions custom handler: the host forwards HTTP requests as they are and invokes the timer with
/// <c>POST /Housekeeping</c>. The engine (DTFx) reads its own queues in-process under the host as standalone.
/// Standalone the app has no host, so the timer route is not mapped and the periodic work runs on its own timer.
/// </summary>
public static class CustomHandlerEndpoints
{
    public const string PortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>
    /// Headers that a public front end adds and the host's own invocation requests never carry. A forwarded HTTP
    /// request to <c>/Housekeeping</c> from outside would otherwise look like an invocation.
    /// </summary>
    private static readonly string[] FrontEndHeaders = ["X-Forwarded-For", "X-Forwarded-Host", "Forwarded", "X-Original-URL", "X-ARR-LOG-ID", "DISGUISED-HOST"];

    public static bool UnderFunctionsHost(IConfiguration configuration)
        => configuration?[PortSetting] is { Length: > 0 };

    public static IServiceCollection AddCustomHandler(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<PeriodicWorkRunner>();
        services.AddSingleton<Housekeeping>();
        if (!UnderFunctionsHost(configuration))
        {
            TimeSpan interval = PeriodicWorkService.IntervalFrom(configuration);
            services.AddHostedService(sp => new PeriodicWorkService(sp.GetRequiredService<PeriodicWorkRunner>(), interval, sp.GetRequiredService<ILogger<PeriodicWorkService>>()));
        }

        return services;
    }

    public static WebApplication MapCustomHandler(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (UnderFunctionsHost(app.Configuration))
        {
            app.MapPost("/" + HostFunctions.Housekeeping, HandleTimerAsync);
        }

        return app;
    }

    private static async Task<IResult> HandleTimerAsync(HttpContext context, Housekeeping housekeeping, CancellationToken cancellation)
    {
        if (!FromHost(context))
        {
            return Results.NotFound();
        }

        // The timer's Data (schedule status, past due) changes nothing: every tick does the same idempotent work.
        HousekeepingResult result = await housekeeping.RunAsync(cancellation);
        var logs = new List<string> { $"{HostFunctions.Housekeeping}: {result.Periodic.Count} periodic work run." };
        if (result.Errors.Count > 0)
        {
            return InvocationReply.Failed(string.Join(Environment.NewLine, logs.Concat(result.Errors)));
        }

        return InvocationReply.Ok(logs);
    }

    /// <summary>Only the local host invokes functions: requests from elsewhere or through a front end are not invocations.</summary>
    private static bool FromHost(HttpContext context)
    {
        IPAddress? remote = context.Connection.RemoteIpAddress;
        return (remote is null || IPAddress.IsLoopback(remote)) && !FrontEndHeaders.Any(h => context.Request.Headers.ContainsKey(h));
    }
}
