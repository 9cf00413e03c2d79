namespace AnnualReview.TaskHub.OrchestrationServiceClientShim;

/// <summary>An event, suspension or resumption was sent to an instance that does not exist.</summary>
public sealed class InstanceNotFoundException : Exception
{
    public InstanceNotFoundException(string instanceId)
        : base($"No orchestration instance with id '{instanceId}' exists.")
    {
        InstanceId = instanceId;
    }

    public InstanceNotFoundException()
        : this("(unknown)")
    {
    }

    public InstanceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        InstanceId = "(unknown)";
    }

    public string InstanceId { get; }
}
