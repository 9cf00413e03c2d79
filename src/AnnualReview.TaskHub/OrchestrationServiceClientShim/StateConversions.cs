using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreFailureDetails = DurableTask.Core.FailureDetails;

namespace AnnualReview.TaskHub.OrchestrationServiceClientShim;

/// <summary>DTFx's instance state as the SDK's metadata, and the SDK's statuses as DTFx's (the numbers are the same).</summary>
internal static class StateConversions
{
    public static OrchestrationMetadata ToMetadata(this OrchestrationState state, DataConverter converter, bool withPayloads) => new(state.Name, state.OrchestrationInstance.InstanceId)
    {
        DataConverter = converter,
        RuntimeStatus = (OrchestrationRuntimeStatus)state.OrchestrationStatus,
        CreatedAt = Utc(state.CreatedTime),
        LastUpdatedAt = Utc(state.LastUpdatedTime),
        SerializedInput = withPayloads ? state.Input : null,
        SerializedOutput = withPayloads && !IsFailureText(state) ? state.Output : null,
        // DTFx stores "null" for an instance that has not set a custom status yet; the SDK's clients report none.
        SerializedCustomStatus = state.Status is null or "null" ? null : state.Status,
        FailureDetails = state.FailureDetails?.ToTaskFailureDetails() ?? FailureFromOutput(state),
        Tags = state.Tags is { } tags ? new Dictionary<string, string>(tags) : new Dictionary<string, string>(),
    };

    public static OrchestrationStatus ToCore(this OrchestrationRuntimeStatus status) => (OrchestrationStatus)status;

    public static TaskFailureDetails ToTaskFailureDetails(this CoreFailureDetails details)
        => new(details.ErrorType, details.ErrorMessage, details.StackTrace, details.InnerFailure?.ToTaskFailureDetails(), null);

    /// <summary>The Azure Storage backend keeps a failed instance's failure as "Type: message" text in its output column.</summary>
    private static bool IsFailureText(OrchestrationState state)
        => state.OrchestrationStatus == OrchestrationStatus.Failed && state.FailureDetails is null && state.Output is { Length: > 0 };

    private static TaskFailureDetails? FailureFromOutput(OrchestrationState state)
    {
        if (!IsFailureText(state))
        {
            return null;
        }

        string text = state.Output!;
        int colon = text.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && !text[..colon].Contains(' ', StringComparison.Ordinal)
            ? new TaskFailureDetails(text[..colon], text[(colon + 2)..], null, null, null)
            : new TaskFailureDetails("Unknown", text, null, null, null);
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
