using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.TaskHub.OrchestrationServiceShim;

/// <summary>
/// Makes DTFx activity objects from the SDK registry's activities. DTFx asks for one object per work item, so
/// each run gets its own DI scope, disposed when the run ends.
/// </summary>
internal sealed class ActivityObjects(IDurableTaskFactory factory, DurableTaskShimFactory shims, IServiceProvider services)
    : INameVersionObjectManager<TaskActivity>
{
    public void Add(ObjectCreator<TaskActivity> creator)
        => throw new InvalidOperationException("Activities are registered through the DurableTaskRegistry.");

    /// <summary>Null for an unknown name: DTFx then fails the call with a TypeMissingException the orchestration sees.</summary>
    public TaskActivity? GetObject(string name, string? version)
    {
        var taskName = new TaskName(name);
        AsyncServiceScope scope = services.CreateAsyncScope();
        if (!factory.TryCreateActivity(taskName, scope.ServiceProvider, out ITaskActivity? activity))
        {
            scope.Dispose();
            return null;
        }

        return shims.CreateActivity(taskName, new ScopedActivity(activity, scope));
    }

    private sealed class ScopedActivity(ITaskActivity activity, AsyncServiceScope scope) : ITaskActivity
    {
        public Type InputType => activity.InputType;

        public Type OutputType => activity.OutputType;

        public async Task<object?> RunAsync(TaskActivityContext context, object? input)
        {
            await using (scope)
            {
                return await activity.RunAsync(context, input);
            }
        }
    }
}
