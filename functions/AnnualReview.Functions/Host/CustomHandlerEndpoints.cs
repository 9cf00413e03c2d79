using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AnnualReview.Durable.Hosting;
using AnnualReview.Durable.Worker;
using AnnualReview.Functions.Observability;
using AnnualReview.Functions.Periodic;

namespace AnnualReview.Functions.Host;

/// <summary>
/// The Azure Functions custom handler: the host invokes each non-HTTP function with <c>POST /{FunctionName}</c>
/// and a <c>{"Data","Metadata"}</c> body; HTTP requests are forwarded as they are and never come here.
/// Standalone the app has no host, so these routes are not mapped and the periodic work runs on its own timer.
/// </summary>
public static class CustomHandlerEndpoints
{
    public const string PortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>
    /// Headers that a public front end adds and the host's own invocation requests never carry. A forwarded HTTP
    /// request to <c>/ControlQueue00</c> from outside would otherwise look like an invocation.
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
        if (!UnderFunctionsHost(app.Configuration))
        {
            return app;
        }

        int partitions = app.Services.GetRequiredService<DurableTaskOptions>().PartitionCount;
        if (partitions != HostFunctions.ControlQueueCount)
        {
            throw new InvalidOperationException(
                $"The engine has {partitions} control queues but the function app declares {HostFunctions.ControlQueueCount} ControlQueueNN triggers; they must match or some queues are never read.");
        }

        for (int p = 0; p < partitions; p++)
        {
            int partition = p;
            app.MapPost("/" + HostFunctions.ControlQueue(partition), (HttpContext context, DurableTaskWorker worker, ILoggerFactory loggers, CancellationToken cancellation)
                => HandleQueueAsync(context, HostFunctions.ControlQueue(partition), worker.ControlQueueNames[partition], worker, loggers, cancellation));
        }

        app.MapPost("/" + HostFunctions.WorkItems, (HttpContext context, DurableTaskWorker worker, ILoggerFactory loggers, CancellationToken cancellation)
            => HandleQueueAsync(context, HostFunctions.WorkItems, worker.WorkItemQueueName, worker, loggers, cancellation));
        app.MapPost("/" + HostFunctions.Housekeeping, HandleTimerAsync);
        return app;
    }

    private static async Task<IResult> HandleQueueAsync(HttpContext context, string function, string queueName, DurableTaskWorker worker, ILoggerFactory loggers, CancellationToken cancellation)
    {
        if (!FromHost(context))
        {
            return Results.NotFound();
        }

        ILogger logger = loggers.CreateLogger("AnnualReview.Host");
        HostInvocation invocation;
        string body;
        try
        {
            invocation = await HostInvocation.ReadAsync(context.Request, cancellation);
            body = invocation.QueueMessage(HostFunctions.QueueBinding);
        }
        catch (InvalidDataException error)
        {
            logger.LogError(error, "Invocation of {Function} carried no readable queue message.", function);
            return InvocationReply.Failed($"{function}: {error.Message}");
        }

        string? instanceId = InstanceIdOf(body);
        string? messageId = invocation.MetadataText("Id");
        long dequeueCount = invocation.DequeueCount;
        using IDisposable? scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["InstanceId"] = instanceId,
            ["Function"] = function,
            ["QueueMessageId"] = messageId,
            ["DequeueCount"] = dequeueCount,
            ["InvocationId"] = context.Request.Headers["X-Azure-Functions-InvocationId"].ToString(),
        });
        Activity.Current?.SetTag(AppTracing.InstanceIdTag, instanceId);
        try
        {
            await worker.ProcessQueueMessageAsync(queueName, body, dequeueCount, cancellation);
            return InvocationReply.Ok([$"{function}: handled message {messageId} for instance {instanceId} (delivery {dequeueCount})."]);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            // The host makes the message visible again and redelivers it; the engine dead-letters it itself on
            // its last allowed delivery (same maxDequeueCount), so the host's poison queue stays a backstop.
            logger.LogWarning(error, "{Function} failed on message {QueueMessageId} for instance {InstanceId} (delivery {DequeueCount}).", function, messageId, instanceId, dequeueCount);
            Activity.Current?.SetStatus(ActivityStatusCode.Error, error.Message);
            return InvocationReply.Failed($"{function}: {error.GetType().Name}: {error.Message}");
        }
    }

    private static async Task<IResult> HandleTimerAsync(HttpContext context, Housekeeping housekeeping, CancellationToken cancellation)
    {
        if (!FromHost(context))
        {
            return Results.NotFound();
        }

        // The timer's Data (schedule status, past due) changes nothing: every tick does the same idempotent work.
        HousekeepingResult result = await housekeeping.RunAsync(cancellation);
        var logs = new List<string> { $"{HostFunctions.Housekeeping}: {result.TimersFired} timers fired, {result.StartsRecovered} starts recovered, {result.Periodic.Count} periodic work run." };
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

    private static string? InstanceIdOf(string body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            JsonElement holder = root.TryGetProperty("message", out JsonElement message) && message.ValueKind == JsonValueKind.Object ? message : root;
            return holder.TryGetProperty("instanceId", out JsonElement id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
