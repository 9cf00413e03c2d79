using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.TaskHub.OrchestrationServiceShim;

/// <summary>
/// <c>UseOrchestrationService</c> on the SDK's worker builder, the same call Microsoft's
/// Microsoft.DurableTask.Worker.OrchestrationServiceShim package offers, so that package can replace this folder.
/// </summary>
public static class DurableTaskWorkerBuilderExtensions
{
    /// <summary>Runs the worker on the <see cref="IOrchestrationService"/> registered in the container.</summary>
    public static IDurableTaskWorkerBuilder UseOrchestrationService(this IDurableTaskWorkerBuilder builder)
        => builder.UseOrchestrationService(_ => { });

    public static IDurableTaskWorkerBuilder UseOrchestrationService(this IDurableTaskWorkerBuilder builder, IOrchestrationService service)
        => builder.UseOrchestrationService(options => options.Service = service);

    public static IDurableTaskWorkerBuilder UseOrchestrationService(this IDurableTaskWorkerBuilder builder, Action<ShimDurableTaskWorkerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<ShimDurableTaskWorkerOptions>(builder.Name).Configure(configure);
        builder.UseBuildTarget<ShimDurableTaskWorker>();
        return builder;
    }
}
