using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.TaskHub.OrchestrationServiceClientShim;

/// <summary>
/// <c>UseOrchestrationService</c> on the SDK's client builder, the same call Microsoft's
/// Microsoft.DurableTask.Client.OrchestrationServiceClientShim package offers, so that package can replace this folder.
/// </summary>
public static class DurableTaskClientBuilderExtensions
{
    /// <summary>Talks to the <see cref="IOrchestrationServiceClient"/> registered in the container.</summary>
    public static IDurableTaskClientBuilder UseOrchestrationService(this IDurableTaskClientBuilder builder)
        => builder.UseOrchestrationService(_ => { });

    public static IDurableTaskClientBuilder UseOrchestrationService(this IDurableTaskClientBuilder builder, IOrchestrationServiceClient client)
        => builder.UseOrchestrationService(options => options.Client = client);

    public static IDurableTaskClientBuilder UseOrchestrationService(this IDurableTaskClientBuilder builder, Action<ShimDurableTaskClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<ShimDurableTaskClientOptions>(builder.Name).Configure(configure);
        return builder.UseBuildTarget<ShimDurableTaskClient, ShimDurableTaskClientOptions>();
    }
}
