namespace AnnualReview.Durable;

/// <summary>The untyped face of an orchestrator, used by the engine to run it over its history.</summary>
public interface ITaskOrchestrator
{
    Type InputType { get; }

    Type OutputType { get; }

    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

/// <summary>
/// An orchestrator: deterministic code that the engine replays over its history. Time comes from
/// <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, randomness from <see cref="TaskOrchestrationContext.NewGuid"/>.
/// </summary>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    public Type InputType => typeof(TInput);

    public Type OutputType => typeof(TOutput);

    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input)
    {
        return await RunAsync(context, input is null ? default! : (TInput)input);
    }
}
