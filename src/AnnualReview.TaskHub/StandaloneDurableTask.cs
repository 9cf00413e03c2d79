using AnnualReview.TaskHub.Archive;
using AnnualReview.TaskHub.OrchestrationServiceClientShim;
using AnnualReview.TaskHub.OrchestrationServiceShim;
using AnnualReview.TaskHub.Sealing;
using AnnualReview.TaskHub.Status;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Middleware;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnualReview.TaskHub;

/// <summary>
/// The standalone host's engine: the SDK's worker and client in this process over DTFx's Azure Storage backend
/// (the task hub layout Durable Functions uses), with the history sealer beside them.
/// </summary>
public static class StandaloneDurableTask
{
    public static IServiceCollection AddStandaloneDurableTask(
        this IServiceCollection services,
        TaskHubSettings settings,
        TaskHubConnection connection,
        DataConverter converter,
        Action<DurableTaskRegistry> register,
        TimeSpan? sealingInterval = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(converter);
        ArgumentNullException.ThrowIfNull(register);
        services.AddTaskHubStorage(settings, connection, register);
        services.AddSingleton(sp => new AzureStorageOrchestrationService(ServiceSettings(settings, connection, sp)));
        services.AddSingleton<IOrchestrationService>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        services.AddSingleton<IOrchestrationServiceClient>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        services.AddSingleton<IHostedService>(sp => new SealingService(sp.GetRequiredService<HistorySealer>(), sp.GetRequiredService<TaskHubStorage>(), TimeProvider.System, sp.GetRequiredService<ILogger<SealingService>>())
        {
            Interval = sealingInterval ?? SealingService.DefaultInterval,
        });

        services.AddDurableTaskWorker(builder => builder
            .AddTasks(register)
            .UseOrchestrationService());
        services.AddOptions<ShimDurableTaskWorkerOptions>(Microsoft.Extensions.Options.Options.DefaultName)
            .Configure<HistorySealer>((options, sealer) =>
            {
                options.OrchestrationMiddleware.Add(MarkForSealing(sealer));
                options.GracefulShutdown = settings.UseGracefulShutdown;
            });
        services.Configure<DurableTaskWorkerOptions>(options =>
        {
            options.DataConverter = converter;
            options.MaximumTimerInterval = settings.MaximumTimerInterval;
        });
        services.AddDurableTaskClient(builder => builder.UseOrchestrationService());
        services.Configure<DurableTaskClientOptions>(options => options.DataConverter = converter);
        return services;
    }

    /// <summary>
    /// What both hosts keep beside the engine: the task hub's settings and storage (read directly for the audit,
    /// the status page and the sealer), the names the app registers, the sealer, the verifier and the archive. The
    /// Functions app calls only this: there the Durable extension in the host runs the engine.
    /// </summary>
    public static IServiceCollection AddTaskHubStorage(this IServiceCollection services, TaskHubSettings settings, TaskHubConnection connection, Action<DurableTaskRegistry> register)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(register);
        settings.Validate();
        services.AddSingleton(settings);
        services.AddSingleton(new RegisteredTasks(register));
        services.AddSingleton(_ => connection.ToStorage(settings.HubName, settings.PartitionCount));
        services.AddSingleton<RetriedMessages>();
        services.AddSingleton(sp => new HistorySealer(sp.GetRequiredService<TaskHubStorage>(), TimeProvider.System));
        services.AddSingleton(sp => new HistoryVerifier(sp.GetRequiredService<TaskHubStorage>()));
        services.AddSingleton(sp => new History.HistoryReader(sp.GetRequiredService<TaskHubStorage>()));
        services.AddSingleton<HistoryArchive>();
        return services;
    }

    private static AzureStorageOrchestrationServiceSettings ServiceSettings(TaskHubSettings settings, TaskHubConnection connection, IServiceProvider services)
    {
        ILoggerFactory loggers = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        return new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = settings.HubName,
            StorageAccountClientProvider = connection.ToClientProvider(),
            PartitionCount = settings.PartitionCount,
            MaxConcurrentTaskActivityWorkItems = settings.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = settings.MaxConcurrentOrchestratorFunctions,
            MaxQueuePollingInterval = settings.MaxQueuePollingInterval,
            ControlQueueBatchSize = settings.ControlQueueBatchSize,
            ControlQueueBufferThreshold = settings.ControlQueueBufferThreshold,
            ControlQueueVisibilityTimeout = settings.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = settings.WorkItemQueueVisibilityTimeout,
            ExtendedSessionsEnabled = settings.ExtendedSessionsEnabled,
            ExtendedSessionIdleTimeout = settings.ExtendedSessionIdleTimeout,
            UseTablePartitionManagement = settings.UseTablePartitionManagement,

            // Starting an id that is running says so (the SDK's clients expect it) instead of returning as if started.
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = new RetryListeningLoggerFactory(loggers, services.GetRequiredService<RetriedMessages>(), TimeProvider.System),
        };
    }

    /// <summary>Marks each instance the worker steps, for the sealer's next sweep.</summary>
    private static Func<DispatchMiddlewareContext, Func<Task>, Task> MarkForSealing(HistorySealer sealer) => async (context, next) =>
    {
        await next();
        if (context.GetProperty<OrchestrationInstance>()?.InstanceId is { } instanceId)
        {
            sealer.Mark(instanceId);
        }
    };
}
