using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;

namespace AnnualReview.TaskHub.OrchestrationServiceShim;

/// <summary>Makes DTFx orchestration objects from the SDK registry's orchestrators, through the SDK's shim factory.</summary>
internal sealed class OrchestrationObjects(IDurableTaskFactory factory, DurableTaskShimFactory shims, IServiceProvider services)
    : INameVersionObjectManager<TaskOrchestration>
{
    public void Add(ObjectCreator<TaskOrchestration> creator)
        => throw new InvalidOperationException("Orchestrators are registered through the DurableTaskRegistry.");

    /// <summary>Null for an unknown name: DTFx then keeps the work item and retries it (see the README on poison messages).</summary>
    public TaskOrchestration? GetObject(string name, string? version)
    {
        var taskName = new TaskName(name);
        return factory.TryCreateOrchestrator(taskName, services, out ITaskOrchestrator? orchestrator)
            ? new DeferredOrchestration(() => shims.CreateOrchestration(taskName, orchestrator, ParentInstanceScope.Parent))
            : null;
    }

    /// <summary>
    /// DTFx asks for the object before its dispatcher middleware runs, but the SDK's shim wants the parent
    /// instance when it is made; so the shim is made when the step executes, inside the middleware's scope.
    /// </summary>
    private sealed class DeferredOrchestration(Func<TaskOrchestration> create) : TaskOrchestration
    {
        private TaskOrchestration? _inner;

        private TaskOrchestration Inner => _inner ??= create();

        public override Task<string> Execute(OrchestrationContext context, string input) => Inner.Execute(context, input);

        public override string GetStatus() => Inner.GetStatus();

        public override void RaiseEvent(OrchestrationContext context, string name, string input) => Inner.RaiseEvent(context, name, input);
    }
}
