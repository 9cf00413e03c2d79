using DurableTask.Core;
using DurableTask.Core.Middleware;

namespace AnnualReview.TaskHub.OrchestrationServiceShim;

/// <summary>What the in-process worker runs on: a Durable Task Framework orchestration service, and hooks around each step.</summary>
public sealed class ShimDurableTaskWorkerOptions
{
    /// <summary>The backend; when null, the <see cref="IOrchestrationService"/> registered in the container.</summary>
    public IOrchestrationService? Service { get; set; }

    /// <summary>On stop, let running work items finish and release the partitions (Durable Functions' <c>useGracefulShutdown</c>).</summary>
    public bool GracefulShutdown { get; set; }

    /// <summary>
    /// Runs around every orchestration step (one work item of one instance), outermost first. The step's
    /// <see cref="OrchestrationRuntimeState"/> is a property of the context.
    /// </summary>
    public IList<Func<DispatchMiddlewareContext, Func<Task>, Task>> OrchestrationMiddleware { get; } = [];
}
