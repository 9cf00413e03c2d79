using AnnualReview.Durable.History;
using AnnualReview.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace AnnualReview.Durable.Worker;

/// <summary>Runs one activity call and produces its result (or failure) as the message for the instance that scheduled it.</summary>
internal sealed class ActivityProcessor(DurableTaskRegistry registry, IServiceProvider services, TimeProvider clock, ILogger logger)
{
    public async Task<TaskMessage> RunAsync(TaskMessage call, CancellationToken cancellation)
    {
        HistoryEvent scheduled = call.Event;
        string name = scheduled.Name ?? "";
        HistoryEvent outcome;
        ITaskActivity? activity = registry.CreateActivity(name, services);
        if (activity is null)
        {
            outcome = Failed(scheduled, new TaskFailureDetails("ActivityNotRegistered", $"Activity '{name}' is not registered in this deployment."));
        }
        else
        {
            try
            {
                var context = new TaskActivityContext(name, call.InstanceId, scheduled.EventId, cancellation);
                object? input = DataConverter.Deserialize(scheduled.Input, activity.InputType);
                object? output = await activity.RunAsync(context, input);
                outcome = new HistoryEvent
                {
                    Type = HistoryEventType.TaskCompleted,
                    TaskScheduledId = scheduled.EventId,
                    Result = DataConverter.Serialize(output),
                    Timestamp = clock.GetUtcNow().UtcDateTime,
                };
            }
            catch (Exception error) when (!cancellation.IsCancellationRequested)
            {
                logger.LogWarning(error, "Activity {Activity} for instance {InstanceId} failed.", name, call.InstanceId);
                outcome = Failed(scheduled, TaskFailureDetails.FromException(error));
            }
        }

        return new TaskMessage
        {
            Id = MessageIds.ActivityResult(call.InstanceId, call.ExecutionId ?? "", scheduled.EventId),
            InstanceId = call.InstanceId,
            ExecutionId = call.ExecutionId,
            Event = outcome,
        };
    }

    private HistoryEvent Failed(HistoryEvent scheduled, TaskFailureDetails failure) => new()
    {
        Type = HistoryEventType.TaskFailed,
        TaskScheduledId = scheduled.EventId,
        Failure = failure,
        Timestamp = clock.GetUtcNow().UtcDateTime,
    };
}
