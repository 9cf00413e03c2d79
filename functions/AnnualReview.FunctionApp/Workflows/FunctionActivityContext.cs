using Microsoft.DurableTask;

namespace AnnualReview.FunctionApp.Workflows;

/// <summary>What an activity knows of its call under the Functions host: its name and the instance that scheduled it.</summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
