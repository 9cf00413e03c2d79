using AnnualReview.Workflows.Telemetry;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AnnualReview.Functions.Observability;

/// <summary>
/// OpenTelemetry for the app: traces (ASP.NET Core, the "AnnualReview" source and, when exported, HttpClient —
/// which includes the Azure SDK's storage calls), metrics (the "AnnualReview" meter of business counters, plus
/// ASP.NET Core's) and logs with their scopes (instance id, function, message). Exported to Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set; otherwise collected but kept in-process.
/// </summary>
public static class TelemetryRegistration
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public const string ServiceName = "AnnualReview";

    public static IServiceCollection AddAppTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? connectionString = configuration[ConnectionStringSetting] is { Length: > 0 } cs ? cs : null;

        // Application Insights in Azure has local (key) auth off: the exporters sign in with the app's identity.
        TokenCredential? credential = configuration["AzureWebJobsStorage__clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : null;
        void Configure(AzureMonitorExporterOptions o)
        {
            o.ConnectionString = connectionString;
            if (credential is not null)
            {
                o.Credential = credential;
            }
        }

        services.AddLogging(logging => logging.AddOpenTelemetry(options =>
        {
            options.IncludeScopes = true;
            options.IncludeFormattedMessage = true;
            if (connectionString is not null)
            {
                options.AddAzureMonitorLogExporter(Configure);
            }
        }));
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(AppTracing.SourceName).AddAspNetCoreInstrumentation();
                if (connectionString is not null)
                {
                    // Storage calls are the engine's hot path: a span each is only worth its cost when exported.
                    tracing.AddHttpClientInstrumentation().AddAzureMonitorTraceExporter(Configure);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(WorkflowMetrics.MeterName).AddAspNetCoreInstrumentation();
                if (connectionString is not null)
                {
                    metrics.AddAzureMonitorMetricExporter(Configure);
                }
            });
        return services;
    }
}
