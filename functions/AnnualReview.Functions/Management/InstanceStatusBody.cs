using System.Globalization;
using System.Text.Json;
using AnnualReview.TaskHub.History;
using Microsoft.DurableTask.Client;

namespace AnnualReview.Functions.Management;

/// <summary>
/// An instance's status in Durable Functions' shape: <c>name, instanceId, runtimeStatus, input, customStatus,
/// output, createdTime, lastUpdatedTime</c> and, on request, <c>historyEvents</c> with Durable Functions'
/// PascalCase event fields (scheduling events folded into their completions).
/// </summary>
public static class InstanceStatusBody
{
    public static Dictionary<string, object?> For(OrchestrationMetadata instance, bool showInput)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = instance.Name,
            ["instanceId"] = instance.InstanceId,
            ["runtimeStatus"] = instance.RuntimeStatus.ToString(),
            ["input"] = showInput ? Json(instance.SerializedInput) : null,
            ["customStatus"] = Json(instance.SerializedCustomStatus),
            ["output"] = OutputOf(instance),
            ["createdTime"] = Time(instance.CreatedAt),
            ["lastUpdatedTime"] = Time(instance.LastUpdatedAt),
        };
        return body;
    }

    /// <summary>The current execution's events; inputs and results only when asked, as they may hold personal data.</summary>
    public static List<Dictionary<string, object?>> History(IEnumerable<HistoryRecord> events, bool showInput, bool showOutput)
    {
        ArgumentNullException.ThrowIfNull(events);
        var scheduled = new Dictionary<int, HistoryRecord>();
        var result = new List<Dictionary<string, object?>>();
        foreach (HistoryRecord e in events)
        {
            if (e.EventType is "TaskScheduled" or "SubOrchestrationInstanceCreated")
            {
                scheduled[e.EventId] = e;
                continue;
            }

            if (e.EventType is "OrchestratorStarted" or "OrchestratorCompleted" or "SubOrchestrationInstanceStarted")
            {
                continue;
            }

            var item = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["EventType"] = e.EventType,
                ["Timestamp"] = Time(Utc(e.Timestamp)),
            };
            switch (e.EventType)
            {
                case "ExecutionStarted":
                    item["FunctionName"] = e.Name;
                    if (showInput)
                    {
                        item["Input"] = Json(e.Payload);
                    }

                    break;
                case "TaskCompleted" or "TaskFailed" or "SubOrchestrationInstanceCompleted" or "SubOrchestrationInstanceFailed":
                    if (e.TaskScheduledId is { } id && scheduled.TryGetValue(id, out HistoryRecord? origin))
                    {
                        item["FunctionName"] = origin.Name;
                        item["ScheduledTime"] = Time(Utc(origin.Timestamp));
                        if (origin.RelatedInstanceId is not null)
                        {
                            item["InstanceId"] = origin.RelatedInstanceId;
                        }
                    }

                    AddOutcome(item, e, showOutput);
                    break;
                case "TimerCreated" or "TimerFired":
                    item["FireAt"] = e.FireAt is { } fireAt ? Time(Utc(fireAt)) : null;
                    break;
                case "EventRaised" or "EventSent":
                    item["Name"] = e.Name;
                    if (showInput)
                    {
                        item["Input"] = Json(e.Payload);
                    }

                    break;
                case "ExecutionCompleted":
                    item["OrchestrationStatus"] = e.Property("OrchestrationStatus");
                    AddOutcome(item, e, showOutput);
                    break;
                default:
                    if (e.Name is not null)
                    {
                        item["Name"] = e.Name;
                    }

                    break;
            }

            result.Add(item);
        }

        return result;
    }

    private static void AddOutcome(Dictionary<string, object?> item, HistoryRecord e, bool showOutput)
    {
        if (e.EventType.EndsWith("Failed", StringComparison.Ordinal) || e.Property("OrchestrationStatus") == "Failed")
        {
            item["Reason"] = e.Property("Reason") ?? e.Payload;
            item["Details"] = e.Property("Details");
        }
        else if (showOutput)
        {
            item["Result"] = Json(e.Payload);
        }
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    /// <summary>A failed instance has no output; Durable Functions shows the failure there instead.</summary>
    private static object? OutputOf(OrchestrationMetadata instance)
        => instance.SerializedOutput is { } output ? Json(output)
            : instance.FailureDetails is { } failure ? $"{failure.ErrorType}: {failure.ErrorMessage}"
            : null;

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Stored payloads are JSON text; they are returned as JSON values, not as strings holding JSON.</summary>
    private static object? Json(string? serialized)
    {
        if (serialized is null)
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(serialized);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return serialized;
        }
    }
}
