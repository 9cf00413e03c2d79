using System.Globalization;
using AnnualReview.Functions.Api;
using AnnualReview.Functions.Host;
using AnnualReview.Functions.Management;
using AnnualReview.Functions.Observability;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Web;
using AnnualReview.TaskHub;
using AnnualReview.TaskHub.Sealing;
using AnnualReview.TaskHub.Status;
using AnnualReview.Workflows;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Storage;
using AnnualReview.Workflows.Timing;
using Microsoft.DurableTask;

namespace AnnualReview.Functions;

/// <summary>
/// Builds the app: the API, the web pages and the engine (the SDK's worker and client in this process over DTFx's
/// Azure Storage backend). It listens on 7071 standalone, or on the port the Functions host gives it as a custom handler.
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
        HostJsonConfiguration.Add(configuration, Path.Combine(AppContext.BaseDirectory, "host.json"));
        StorageSettings storage = StorageSettings.From(configuration);
        string? hostPort = configuration[CustomHandlerEndpoints.PortSetting];
        if (configuration["urls"] is null && configuration["ASPNETCORE_URLS"] is null)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{hostPort ?? StandalonePort.ToString(CultureInfo.InvariantCulture)}");
        }

        TimeProvider clock = ClockFrom(configuration);
        builder.Services.AddSingleton(clock);
        TaskHubSettings taskHub = TaskHubSettings.From(configuration);
        TimeSpan? sealing = configuration.GetValue<double?>("Sealing:IntervalSeconds") is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        builder.Services.AddStandaloneDurableTask(taskHub, storage.ToTaskHubConnection(), WorkflowJson.Converter, registry =>
        {
            registry.AddAssessmentWorkflows();
            register?.Invoke(registry);
        }, sealing);

        // Fixed for the life of the storage prefix: another count finds none of the rows written.
        int tableShards = configuration.GetValue("TableShards", 1);
        AssessmentStorageOptions assessmentOptions = storage.ToAssessmentOptions(configuration["StoragePrefix"] ?? "review");
        assessmentOptions.TableShards = tableShards;
        builder.Services.AddSingleton(_ => new AssessmentStorage(assessmentOptions));
        builder.Services.AddHostedService<AssessmentStorageStartup>();
        builder.Services.AddSingleton<RosterStore>();
        builder.Services.AddSingleton<ReadModelStore>();
        builder.Services.AddSingleton<NotificationOutbox>();
        builder.Services.AddSingleton<SubmissionStore>();
        builder.Services.AddSingleton<RosterService>();
        builder.Services.AddSingleton<CycleRegistry>();
        builder.Services.AddSingleton<CycleStarter>();
        builder.Services.AddSingleton<IRaisedEvents, Idempotency.HistoryRaisedEvents>();
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
        app.MapGet("/", async (TaskHubStorage hub, RetriedMessages retried, HistorySealer sealer, CancellationToken cancellation) =>
            Results.Ok(await EngineStatus.ReadAsync(hub, retried, sealer, cancellation)));
        app.MapCustomHandler();
        app.MapManagementApi();
        app.MapWebUi();
        app.MapApi();
        app.Lifetime.ApplicationStarted.Register(() => EngineStatus.LogOnStart(app));
        return app;
    }

    /// <summary>
    /// The real clock, or a scaled one for demos and whole-cycle tests: <c>Clock:Scale</c> simulated seconds per real
    /// second from <c>Clock:Start</c>. <c>Clock:RealStart</c> is the real moment that start falls on (default: now),
    /// so a restarted app given the same three keeps the same timeline.
    /// </summary>
    private static TimeProvider ClockFrom(ConfigurationManager configuration)
    {
        if (configuration["Clock:Scale"] is not { Length: > 0 } scale)
        {
            return TimeProvider.System;
        }

        DateTime realStart = Time(configuration["Clock:RealStart"]) ?? DateTime.UtcNow;
        DateTime start = Time(configuration["Clock:Start"]) ?? realStart;
        return new ScaledTimeProvider(new CycleClock(start, realStart, double.Parse(scale, CultureInfo.InvariantCulture)));
    }

    private static DateTime? Time(string? text)
        => text is { Length: > 0 } ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime : null;
}
