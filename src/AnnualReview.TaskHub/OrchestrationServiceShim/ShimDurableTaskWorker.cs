using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AnnualReview.TaskHub.OrchestrationServiceShim;

/// <summary>
/// Runs the SDK's orchestrators and activities in this process on a Durable Task Framework backend: a
/// <see cref="TaskHubWorker"/> whose objects are made by the SDK's <see cref="DurableTaskShimFactory"/>.
/// The standalone host's counterpart of what the Durable Functions extension does on Azure.
/// </summary>
public sealed class ShimDurableTaskWorker : DurableTaskWorker
{
    private readonly IServiceProvider _services;
    private readonly DurableTaskWorkerOptions _workerOptions;
    private readonly ShimDurableTaskWorkerOptions _shimOptions;
    private readonly ILoggerFactory _loggers;

    public ShimDurableTaskWorker(
        string? name,
        IDurableTaskFactory factory,
        IOptionsMonitor<DurableTaskWorkerOptions> workerOptions,
        IOptionsMonitor<ShimDurableTaskWorkerOptions> shimOptions,
        IServiceProvider services,
        ILoggerFactory loggers)
        : base(name, factory)
    {
        ArgumentNullException.ThrowIfNull(workerOptions);
        ArgumentNullException.ThrowIfNull(shimOptions);
        _services = services;
        _workerOptions = workerOptions.Get(Name);
        _shimOptions = shimOptions.Get(Name);
        _loggers = loggers;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IOrchestrationService service = _shimOptions.Service ?? _services.GetRequiredService<IOrchestrationService>();
        var shims = new DurableTaskShimFactory(_workerOptions, _loggers);
        var worker = new TaskHubWorker(
            service,
            new OrchestrationObjects(Factory, shims, _services),
            new ActivityObjects(Factory, shims, _services),
            _loggers)
        {
            // The SDK reads failures as FailureDetails (TaskFailedException.FailureDetails), not as serialized exceptions.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        worker.AddOrchestrationDispatcherMiddleware(ParentInstanceScope.Middleware);
        foreach (var middleware in _shimOptions.OrchestrationMiddleware)
        {
            worker.AddOrchestrationDispatcherMiddleware(middleware);
        }

        await service.CreateIfNotExistsAsync();
        await worker.StartAsync();
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: gracefully (running work items finish, partitions are released) or at once (they come back to
            // whoever holds the partition next, after the queues' visibility timeout; nothing is lost either way).
        }
        finally
        {
            await worker.StopAsync(isForced: !_shimOptions.GracefulShutdown);
            worker.Dispose();
        }
    }
}
