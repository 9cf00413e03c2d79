namespace AnnualReview.Durable.Replay;

/// <summary>
/// Runs orchestrator code on the calling thread, one continuation at a time, only when the executor drains it.
/// Every await in orchestrator code resumes here, which is what makes replay deterministic.
/// </summary>
internal sealed class OrchestratorTaskScheduler : TaskScheduler
{
    private readonly Queue<Task> _ready = new();

    public override int MaximumConcurrencyLevel => 1;

    public void Drain()
    {
        while (_ready.TryDequeue(out Task? task))
        {
            TryExecuteTask(task);
        }
    }

    protected override void QueueTask(Task task) => _ready.Enqueue(task);

    // Never inline: a continuation must run when the executor drains, after it has applied the event.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => _ready.ToArray();
}
