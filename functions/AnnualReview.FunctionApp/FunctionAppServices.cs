using AnnualReview.FunctionApp.Background;
using AnnualReview.FunctionApp.Http;
using AnnualReview.Functions;
using AnnualReview.Functions.Idempotency;
using AnnualReview.TaskHub;
using AnnualReview.Workflows;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.FunctionApp;

/// <summary>
/// The Functions app's services: the app's own (<see cref="AppServices"/>, as the standalone host has them), the
/// task hub's storage for the audit, the status page and the sealer, and what replaces the standalone host's
/// timers: the sealing and delivery queues. The engine itself is the Durable extension's, in the host.
/// </summary>
public static class FunctionAppServices
{
    public static IServiceCollection AddFunctionApp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAnnualReview(configuration);
        services.AddTaskHubStorage(TaskHubSettings.From(configuration), StorageSettings.From(configuration).ToTaskHubConnection(), AppServices.Registrations());

        // Inputs, outputs, events and custom status in the same JSON as the standalone host writes (the Durable
        // extension takes its converter from the worker's serializer).
        services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(WorkflowJson.Options));
        services.Configure<DurableTaskWorkerOptions>(options => options.MaximumTimerInterval = TaskHubSettings.From(configuration).MaximumTimerInterval);

        services.AddRouting();
        services.AddSingleton<SharedPipeline>();
        services.AddSingleton<DurableClientSlot>();
        services.AddTransient<DurableTaskClient>(sp => sp.GetRequiredService<DurableClientSlot>().Client);
        services.AddSingleton<WorkQueues>();
        services.AddSingleton<SealingRequests>();
        services.AddHostedService(sp => sp.GetRequiredService<SealingRequests>());
        services.AddSingleton<DeliveryWakeUps>();
        services.AddSingleton<IdempotencyKeySweep>();
        return services;
    }
}
