using System.Globalization;
using AnnualReview.Functions.Management;
using AnnualReview.Functions.Periodic;
using AnnualReview.TaskHub;
using AnnualReview.TaskHub.Sealing;
using AnnualReview.Workflows;
using Microsoft.DurableTask;

namespace AnnualReview.Functions;

/// <summary>
/// The standalone host: the app (<see cref="AppServices"/>, <see cref="AppPipeline"/>) on its own web server, with
/// the engine in this process (the SDK's worker and client over DTFx's Azure Storage backend), the history sealer
/// and the periodic work on timers of its own, and the Durable Functions management API. It listens on 7071.
/// Under Azure Functions the same app runs in <c>functions/AnnualReview.FunctionApp</c> instead.
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
        if (configuration["urls"] is null && configuration["ASPNETCORE_URLS"] is null)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{StandalonePort.ToString(CultureInfo.InvariantCulture)}");
        }

        builder.Services.AddAnnualReview(configuration);
        TimeSpan? sealing = configuration.GetValue<double?>("Sealing:IntervalSeconds") is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        builder.Services.AddStandaloneDurableTask(TaskHubSettings.From(configuration), StorageSettings.From(configuration).ToTaskHubConnection(), WorkflowJson.Converter, AppServices.Registrations(register), sealing);
        TimeSpan interval = PeriodicWorkService.IntervalFrom(configuration);
        builder.Services.AddHostedService(sp => new PeriodicWorkService(sp.GetRequiredService<PeriodicWorkRunner>(), interval, sp.GetRequiredService<ILogger<PeriodicWorkService>>()));

        WebApplication app = builder.Build();
        app.UseAppMiddleware();
        app.MapAppEndpoints();

        // Durable Functions' own serves this path on Azure; standalone there is no host, so the app serves it.
        app.MapManagementApi();
        app.Lifetime.ApplicationStarted.Register(() => EngineStatus.LogOnStart(app));
        return app;
    }
}
