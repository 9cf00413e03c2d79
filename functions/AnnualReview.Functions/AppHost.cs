using AnnualReview.Durable;
using AnnualReview.Durable.Hosting;
using AnnualReview.Durable.Worker;

namespace AnnualReview.Functions;

/// <summary>
/// Builds the app. It is both a plain ASP.NET Core app (standalone: listens on 7071 and polls the engine's
/// queues itself) and, under the Functions host, an Azure Functions custom handler on the port the host gives.
/// </summary>
public static class AppHost
{
    public const int StandalonePort = 7071;

    public static WebApplication Build(string[] args, Action<DurableTaskRegistry>? register = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        StorageSettings storage = StorageSettings.From(builder.Configuration);
        string? hostPort = builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"];
        if (builder.Configuration["urls"] is null && builder.Configuration["ASPNETCORE_URLS"] is null)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{hostPort ?? StandalonePort.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        builder.Services.AddDurableTask(
            (_, options) =>
            {
                storage.Apply(options);
                options.TaskHubName = builder.Configuration["TaskHubName"] ?? options.TaskHubName;
                // Under the Functions host the host's queue triggers deliver the messages.
                options.PollQueues = hostPort is null;
            },
            registry => register?.Invoke(registry));

        WebApplication app = builder.Build();
        app.MapGet("/", async (DurableTaskWorker worker, DurableTaskOptions options, CancellationToken cancellation) =>
            Results.Ok(await EngineStatus.ReadAsync(worker, options, cancellation)));
        app.Lifetime.ApplicationStarted.Register(() => EngineStatus.LogOnStart(app));
        return app;
    }
}
