using System.Globalization;
using System.Text.Json;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.History;

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
    public static List<Dictionary<string, object?>> History(IEnumerable<HistoryEvent> events, bool showInput, bool showOutput)
    {
        ArgumentNullException.ThrowIfNull(events);
        var scheduled = new Dictionary<int, HistoryEvent>();
        var result = new List<Dictionary<string, object?>>();
        foreach (HistoryEvent e in events)
        {
            if (e.Type is HistoryEventType.TaskScheduled or HistoryEventType.SubOrchestrationInstanceCreated)
            {
                scheduled[e.EventId] = e;
                continue;
            }

            if (e.Type is HistoryEventType.OrchestratorStarted or HistoryEventType.SubOrchestrationInstanceStarted)
            {
                continue;
            }

            var item = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["EventType"] = e.Type.ToString(),
                ["Timestamp"] = Time(new DateTimeOffset(DateTime.SpecifyKind(e.Timestamp, DateTimeKind.Utc))),
            };
            switch (e.Type)
            {
                case HistoryEventType.ExecutionStarted:
                    item["FunctionName"] = e.Name;
                    if (showInput)
                    {
                        item["Input"] = Json(e.Input);
                    }

                    break;
                case HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed
                    or HistoryEventType.SubOrchestrationInstanceCompleted or HistoryEventType.SubOrchestrationInstanceFailed:
                    if (scheduled.TryGetValue(e.TaskScheduledId, out HistoryEvent? origin))
                    {
                        item["FunctionName"] = origin.Name;
                        item["ScheduledTime"] = Time(new DateTimeOffset(DateTime.SpecifyKind(origin.Timestamp, DateTimeKind.Utc)));
                        if (origin.InstanceId is not null)
                        {
                            item["InstanceId"] = origin.InstanceId;
                        }
                    }

                    AddOutcome(item, e, showOutput);
                    break;
                case HistoryEventType.TimerCreated or HistoryEventType.TimerFired:
                    item["FireAt"] = e.FireAt is { } fireAt ? Time(new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc))) : null;
                    break;
                case HistoryEventType.EventRaised or HistoryEventType.EventSent:
                    item["Name"] = e.Name;
                    if (showInput)
                    {
                        item["Input"] = Json(e.Input);
                    }

                    break;
                case HistoryEventType.ExecutionCompleted:
                    item["OrchestrationStatus"] = e.Status;
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

    private static void AddOutcome(Dictionary<string, object?> item, HistoryEvent e, bool showOutput)
    {
        if (e.Failure is { } failure)
        {
            item["Reason"] = failure.ErrorMessage;
            item["Details"] = failure.ErrorType;
        }
        else if (showOutput)
        {
            item["Result"] = Json(e.Result);
        }
    }

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
