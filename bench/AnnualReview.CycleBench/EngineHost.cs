using AnnualReview.TaskHub;
using AnnualReview.TaskHub.Sealing;
using AnnualReview.Workflows;
using AnnualReview.Workflows.Storage;
using Azure.Data.Tables;
using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnnualReview.CycleBench;

/// <summary>
/// The engine as the app runs it, without the web host: the SDK's worker and client over DTFx's Azure Storage
/// backend, the history sealer beside them, and the services the cycle's activities ask for (the assessment's
/// storage and the cycle's clock).
/// </summary>
internal sealed class EngineHost(ServiceProvider services) : IAsyncDisposable
{
    private readonly List<IHostedService> _started = [];

    public IServiceProvider Services => services;

    public DurableTaskClient Client => services.GetRequiredService<DurableTaskClient>();

    /// <param name="log">Hears the engine's warnings and errors; none for a client that only watches.</param>
    public static EngineHost Build(TaskHubSettings settings, TaskHubConnection connection, AssessmentStorage storage, TimeProvider clock, ILoggerProvider? log)
    {
        var collection = new ServiceCollection();
        collection.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            if (log is not null)
            {
                logging.AddProvider(log);
            }
        });
        collection.AddSingleton(storage).AddSingleton(clock);
        collection.AddStandaloneDurableTask(settings, connection, WorkflowJson.Converter, registry => registry.AddAssessmentWorkflows());
        return new EngineHost(collection.BuildServiceProvider());
    }

    /// <summary>
    /// Creates the task hub, starts the worker and the sealer (whose calls are counted as the sealer's), and waits until
    /// the worker holds every partition, so the cycle's start does not wait for the leases.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellation)
    {
        await services.GetRequiredService<IOrchestrationService>().CreateIfNotExistsAsync();
        foreach (IHostedService hosted in services.GetServices<IHostedService>())
        {
            // The sealer's loop keeps the flow it was started in, so its calls are told apart from DTFx's.
            using (hosted is SealingService ? CallCounter.As("sealer") : null)
            {
                await hosted.StartAsync(cancellation);
            }

            _started.Add(hosted);
        }

        TaskHubStorage storage = services.GetRequiredService<TaskHubStorage>();
        TableClient partitions = storage.Tables.GetTableClient(storage.HubName + "Partitions");
        while (true)
        {
            int owned = 0;
            await foreach (TableEntity row in partitions.QueryAsync<TableEntity>(cancellationToken: cancellation))
            {
                owned += row.GetString("CurrentOwner") is { Length: > 0 } ? 1 : 0;
            }

            if (owned >= storage.PartitionCount)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellation);
        }
    }

    /// <summary>Stops the worker (it finishes the work items it holds and gives up its partitions) and the sealer.</summary>
    public async Task StopAsync()
    {
        for (int i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].StopAsync(CancellationToken.None);
        }

        _started.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await services.DisposeAsync();
    }
}
