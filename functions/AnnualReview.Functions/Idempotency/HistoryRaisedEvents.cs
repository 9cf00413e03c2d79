using System.Text.Json;
using AnnualReview.TaskHub.History;
using AnnualReview.Workflows.Commands;

namespace AnnualReview.Functions.Idempotency;

/// <summary>Looks in an instance's history (the task hub's History table) for a person's event from a given request.</summary>
public sealed class HistoryRaisedEvents(HistoryReader history) : IRaisedEvents
{
    public async Task<bool> ContainsAsync(string instanceId, string eventName, string requestId, CancellationToken cancellation)
    {
        foreach (HistoryRecord raised in await history.ReadEventsAsync(instanceId, "EventRaised", eventName, cancellation))
        {
            if (raised.Payload is { } payload && RequestOf(payload) == requestId)
            {
                return true;
            }
        }

        return false;
    }

    private static string? RequestOf(string payload)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("requestId", out JsonElement id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
