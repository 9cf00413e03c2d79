using System.Globalization;
using AnnualReview.Functions.Api;
using AnnualReview.Functions.Management;
using AnnualReview.Functions.Observability;
using AnnualReview.Functions.Periodic;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Web;
using AnnualReview.Workflows;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Storage;
using AnnualReview.Workflows.Timing;
using Microsoft.DurableTask;

namespace AnnualReview.Functions;

/// <summary>
/// The app's services, the same under both hosts: the assessment's storage and commands, sign-in, the API, the web
/// pages, notifications and the task hub's storage beside the engine. Each host adds the engine its own way: the
/// standalone host runs it in-process (<see cref="AppHost"/>), the Functions app leaves it to the Durable extension.
/// </summary>
public static class AppServices
{
    /// <summary>Everything but the task hub: the host adds that (<c>AddStandaloneDurableTask</c> or <c>AddTaskHubStorage</c>).</summary>
    public static IServiceCollection AddAnnualReview(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        StorageSettings storage = StorageSettings.From(configuration);
        services.AddSingleton(Clock(configuration));

        // Fixed for the life of the storage prefix: another count finds none of the rows written.
        int tableShards = configuration.GetValue("TableShards", 1);
        AssessmentStorageOptions assessmentOptions = storage.ToAssessmentOptions(configuration["StoragePrefix"] ?? "review");
        assessmentOptions.TableShards = tableShards;
        services.AddSingleton(_ => new AssessmentStorage(assessmentOptions));
        services.AddHostedService<AssessmentStorageStartup>();
        services.AddSingleton<RosterStore>();
        services.AddSingleton<ReadModelStore>();
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<SubmissionStore>();
        services.AddSingleton<RosterService>();
        services.AddSingleton<CycleRegistry>();
        services.AddSingleton<CycleStarter>();
        services.AddSingleton<IRaisedEvents, Idempotency.HistoryRaisedEvents>();
        services.AddSingleton<ReviewCommands>();
        services.AddSingleton<PeriodicWorkRunner>();
        services.AddAppSecurity(configuration);
        services.AddAppTelemetry(configuration);
        services.AddManagementApi();
        services.AddNotifications(configuration);
        services.AddWebUi(configuration);
        services.AddApi(configuration);
        return services;
    }

    /// <summary>The orchestrators and activities both hosts run: the assessment's, and any a test adds.</summary>
    public static Action<DurableTaskRegistry> Registrations(Action<DurableTaskRegistry>? register = null) => registry =>
    {
        registry.AddAssessmentWorkflows();
        register?.Invoke(registry);
    };

    /// <summary>
    /// The real clock, or a scaled one for demos and whole-cycle tests: <c>Clock:Scale</c> simulated seconds per real
    /// second from <c>Clock:Start</c>. <c>Clock:RealStart</c> is the real moment that start falls on (default: now),
    /// so a restarted app given the same three keeps the same timeline.
    /// </summary>
    public static TimeProvider Clock(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
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
