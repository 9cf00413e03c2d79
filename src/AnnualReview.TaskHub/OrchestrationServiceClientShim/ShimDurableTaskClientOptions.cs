using DurableTask.Core;
using Microsoft.DurableTask.Client;

namespace AnnualReview.TaskHub.OrchestrationServiceClientShim;

/// <summary>What the client talks to: a Durable Task Framework orchestration service client.</summary>
public sealed class ShimDurableTaskClientOptions : DurableTaskClientOptions
{
    /// <summary>The backend; when null, the <see cref="IOrchestrationServiceClient"/> registered in the container.</summary>
    public IOrchestrationServiceClient? Client { get; set; }
}
