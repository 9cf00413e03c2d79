using System.Globalization;
using AnnualReview.Durable;
using AnnualReview.Durable.Hosting;
using AnnualReview.Durable.Worker;
using AnnualReview.Functions.Host;
using AnnualReview.Functions.Management;
using AnnualReview.Functions.Observability;
using AnnualReview.Functions.Api;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Web;
using AnnualReview.Workflows;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions;

/// <summary>
/// Builds the app. It is both a plain ASP.NET Core app (standalone: listens on 7071 and polls the engine's
/// queues itself) and, under the Functions host, an Azure Functions custom handler on the port the host gives.
/// </summary>
public static class AppHost
{
    public const int StandalonePort = 7071;

    /// <param name="args">Command line; any setting can be given as <c>--Key value</c>.</param>
    /// <param name="register">Extra orchestrators and activities next to the assessment workflows (tests use it).</param>
    public static WebApplication Build(string[] args, Action<DurableTaskRegistry>? register = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        ConfigurationManager configuration = builder.Configuration;
        StorageSettings storage = StorageSettings.From(configuration);
        string? hostPort = configuration["FUNCTIONS_CUSTOMHANDLER_PORT"];
        if (configuration["urls"] is null && configuration["ASPNETCORE_URLS"] is null)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{hostPort ?? StandalonePort.ToString(CultureInfo.InvariantCulture)}");
        }

        TimeProvider clock = ClockFrom(configuration);
        builder.Services.AddSingleton(clock);
        // Fixed for the life of the task hub and the storage prefix: another count finds none of the rows written.
        int tableShards = configuration.GetValue("TableShards", 1);
        builder.Services.AddDurableTask(
            (_, options) =>
            {
                storage.Apply(options);
                options.TaskHubName = configuration["TaskHubName"] ?? options.TaskHubName;
                options.InstanceTableCount = tableShards;
                options.TimeProvider = clock;
                // Under the Functions host the host's queue triggers deliver the messages.
                options.PollQueues = hostPort is null;
            },
            registry =>
            {
                registry.AddAssessmentWorkflows();
                register?.Invoke(registry);
            });

        AssessmentStorageOptions assessmentOptions = storage.ToAssessmentOptions(configuration["StoragePrefix"] ?? "review");
        assessmentOptions.TableShards = tableShards;
        builder.Services.AddSingleton(_ => new AssessmentStorage(assessmentOptions));
        builder.Services.AddHostedService<AssessmentStorageStartup>();
        builder.Services.AddSingleton<RosterStore>();
        builder.Services.AddSingleton<ReadModelStore>();
        builder.Services.AddSingleton<NotificationOutbox>();
        builder.Services.AddSingleton<SubmissionStore>();
        builder.Services.AddSingleton<RosterService>();
        builder.Services.AddSingleton<CycleStarter>();
        builder.Services.AddSingleton<ReviewCommands>();
        builder.Services.AddAppSecurity(configuration);
        builder.Services.AddAppTelemetry(configuration);
        builder.Services.AddCustomHandler(configuration);
        builder.Services.AddManagementApi();
        builder.Services.AddNotifications(configuration);
        builder.Services.AddWebUi(configuration);
        builder.Services.AddApi(configuration);

        WebApplication app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapInbox();
        app.MapGet("/", async (DurableTaskWorker worker, DurableTaskOptions options, CancellationToken cancellation) =>
            Results.Ok(await EngineStatus.ReadAsync(worker, options, cancellation)));
        app.MapCustomHandler();
        app.MapManagementApi();
        app.MapWebUi();
        app.MapApi();
        app.Lifetime.ApplicationStarted.Register(() => EngineStatus.LogOnStart(app));
        return app;
    }

    /// <summary>
    /// The real clock, or a scaled one for demos and whole-cycle tests (<c>Clock:Start</c> and <c>Clock:Scale</c>,
    /// simulated seconds per real second), so a cycle of weeks runs in minutes.
    /// </summary>
    private static TimeProvider ClockFrom(ConfigurationManager configuration)
    {
        if (configuration["Clock:Scale"] is not { Length: > 0 } scale)
        {
            return TimeProvider.System;
        }

        DateTimeOffset start = configuration["Clock:Start"] is { Length: > 0 } at
            ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : TimeProvider.System.GetUtcNow();
        return new ScaledTimeProvider(start, double.Parse(scale, CultureInfo.InvariantCulture));
    }
}
