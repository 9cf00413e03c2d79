namespace AnnualReview.Durable;

/// <summary>The untyped face of an activity.</summary>
public interface ITaskActivity
{
    Type InputType { get; }

    Type OutputType { get; }

    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

/// <summary>An activity: the place for side effects. It runs at least once per scheduling.</summary>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    public Type InputType => typeof(TInput);

    public Type OutputType => typeof(TOutput);

    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input)
    {
        return await RunAsync(context, input is null ? default! : (TInput)input);
    }
}

/// <summary>What an activity knows about its invocation.</summary>
public sealed class TaskActivityContext
{
    internal TaskActivityContext(string name, string instanceId, int taskId, CancellationToken cancellation)
    {
        Name = name;
        InstanceId = instanceId;
        TaskId = taskId;
        CancellationToken = cancellation;
    }

    public string Name { get; }

    /// <summary>The orchestration instance that scheduled this activity.</summary>
    public string InstanceId { get; }

    /// <summary>The scheduling event's id in the orchestration's history; with the instance id it names this call uniquely.</summary>
    public int TaskId { get; }

    public CancellationToken CancellationToken { get; }
}
