using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AnnualReview.Workflows.Commands;

/// <summary>
/// Starts an instance under an id that names what it is (a cycle, a re-rating), once: asking again while it runs or
/// after it ended changes nothing. Only an instance still Pending is started again, so a start whose first attempt
/// died between writing the instance and sending its start message is finished by the retry.
/// </summary>
internal static class IdempotentStart
{
    private static readonly string[] Started = ["Running", "Completed", "ContinuedAsNew", "Failed", "Canceled", "Terminated", "Suspended"];

    /// <summary>True when this call started the instance, false when it existed already.</summary>
    public static async Task<bool> ScheduleAsync(DurableTaskClient client, string orchestrator, object input, string instanceId, CancellationToken cancellation)
    {
        // The check keeps a finished instance from being started over on any backend; the dedupe statuses close the race.
        if (await client.GetInstanceAsync(instanceId, cancellation) is { RuntimeStatus: not OrchestrationRuntimeStatus.Pending })
        {
            return false;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId) { DedupeStatuses = Started }, cancellation);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }
}
