using System.Globalization;

namespace AnnualReview.Functions.Api.Cycles;

/// <summary>
/// The answer to starting a cycle: the cycle's id and the management links in the shape Durable Functions
/// returns (<c>CreateCheckStatusResponse</c>), pointing at this app's <c>/runtime/webhooks/durabletask</c> API.
/// </summary>
public sealed record CycleStarted(
    string Id,
    string CycleUri,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    string SuspendPostUri,
    string ResumePostUri)
{
    public static CycleStarted For(HttpRequest request, string instanceId, string taskHub)
    {
        ArgumentNullException.ThrowIfNull(request);
        string origin = $"{request.Scheme}://{request.Host}{request.PathBase}";
        string instance = $"{origin}/runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(instanceId)}";
        string query = string.Create(CultureInfo.InvariantCulture, $"taskHub={Uri.EscapeDataString(taskHub)}&connection=Storage");
        return new CycleStarted(
            instanceId,
            $"{origin}/api/cycles/{Uri.EscapeDataString(instanceId)}",
            $"{instance}?{query}",
            $"{instance}/raiseEvent/{{eventName}}?{query}",
            $"{instance}/terminate?reason={{text}}&{query}",
            $"{instance}?{query}",
            $"{instance}/suspend?reason={{text}}&{query}",
            $"{instance}/resume?reason={{text}}&{query}");
    }
}
