using DurableTask.Core;
using DurableTask.Core.Middleware;
using Microsoft.DurableTask;

namespace AnnualReview.TaskHub.OrchestrationServiceShim;

/// <summary>
/// DTFx creates an orchestration object from its name and version only, but the SDK's shim takes the parent
/// instance when it is created (<c>context.Parent</c>). A dispatcher middleware puts the parent of the instance
/// being stepped in an async-local, where the object manager reads it.
/// </summary>
internal static class ParentInstanceScope
{
    private static readonly AsyncLocal<ParentOrchestrationInstance?> Current = new();

    public static ParentOrchestrationInstance? Parent => Current.Value;

    public static async Task Middleware(DispatchMiddlewareContext context, Func<Task> next)
    {
        ParentInstance? parent = context.GetProperty<OrchestrationRuntimeState>()?.ParentInstance;
        Current.Value = parent?.OrchestrationInstance is { } instance
            ? new ParentOrchestrationInstance(new TaskName(parent.Name), instance.InstanceId)
            : null;
        try
        {
            await next();
        }
        finally
        {
            Current.Value = null;
        }
    }
}
