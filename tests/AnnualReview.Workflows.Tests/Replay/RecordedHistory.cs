using System.Globalization;
using System.Text.Json;
using AnnualReview.TaskHub.History;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Workflows.Tests.Replay;

/// <summary>One instance's history as the task hub's History table held it: its orchestrator and its rows.</summary>
internal sealed record RecordedInstance(string InstanceId, string Orchestrator, string Status, string? Output, IReadOnlyList<Dictionary<string, string?>> Rows);

/// <summary>
/// Histories of a real cycle, recorded from the History table and kept under <c>Replay/Histories</c>, so that
/// every build replays them against the current orchestrators: a change that would break a cycle already
/// running in production fails the build instead.
/// </summary>
internal static class RecordedHistory
{
    private static readonly JsonSerializerOptions FileOptions = new() { WriteIndented = true };

    /// <summary>Writes every instance whose id starts with one of <paramref name="prefixes"/> to <paramref name="path"/>.</summary>
    public static async Task RecordAsync(CycleHarness h, string path, IEnumerable<string> prefixes, CancellationToken cancellation)
    {
        var reader = h.Engine.Services.GetRequiredService<HistoryReader>();
        var recorded = new List<RecordedInstance>();
        foreach (string prefix in prefixes)
        {
            await foreach (OrchestrationMetadata instance in h.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, FetchInputsAndOutputs = true }).WithCancellation(cancellation))
            {
                List<HistoryRecord> rows = await reader.ReadAsync(instance.InstanceId, 0, cancellation);
                recorded.Add(new RecordedInstance(instance.InstanceId, instance.Name, instance.RuntimeStatus.ToString(), instance.SerializedOutput,
                    [.. rows.Select(r => JsonSerializer.Deserialize<Dictionary<string, string?>>(r.Canonical)!)]));
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(recorded.OrderBy(r => r.InstanceId, StringComparer.Ordinal), FileOptions), cancellation);
    }

    public static List<RecordedInstance> Load(string path)
        => JsonSerializer.Deserialize<List<RecordedInstance>>(File.ReadAllText(path))!;

    /// <summary>The rows as DTFx's history events, the way the Azure Storage backend reads them back.</summary>
    public static List<HistoryEvent> Events(RecordedInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return [.. instance.Rows.Select(ToEvent)];
    }

    private static HistoryEvent ToEvent(Dictionary<string, string?> row)
    {
        int id = Int(row, "EventId");
        HistoryEvent e = Text(row, "EventType") switch
        {
            "OrchestratorStarted" => new OrchestratorStartedEvent(id),
            "OrchestratorCompleted" => new OrchestratorCompletedEvent(id),
            "ExecutionStarted" => new ExecutionStartedEvent(id, Text(row, "Input"))
            {
                Name = Text(row, "Name"),
                Version = Text(row, "Version"),
                OrchestrationInstance = new OrchestrationInstance { InstanceId = Text(row, "PartitionKey"), ExecutionId = Text(row, "ExecutionId") },
                ParentInstance = Parent(Text(row, "ParentInstance")),
            },
            "ExecutionCompleted" => new ExecutionCompletedEvent(id, Text(row, "Result"), Enum.Parse<OrchestrationStatus>(Text(row, "OrchestrationStatus")!)),
            "TaskScheduled" => new TaskScheduledEvent(id) { Name = Text(row, "Name"), Version = Text(row, "Version"), Input = Text(row, "Input") },
            "TaskCompleted" => new TaskCompletedEvent(id, Int(row, "TaskScheduledId"), Text(row, "Result")),
            "TaskFailed" => new TaskFailedEvent(id, Int(row, "TaskScheduledId"), Text(row, "Reason"), Text(row, "Details"), Failure(Text(row, "FailureDetails"))),
            "SubOrchestrationInstanceCreated" => new SubOrchestrationInstanceCreatedEvent(id) { Name = Text(row, "Name"), Version = Text(row, "Version"), InstanceId = Text(row, "InstanceId"), Input = Text(row, "Input") },
            "SubOrchestrationInstanceCompleted" => new SubOrchestrationInstanceCompletedEvent(id, Int(row, "TaskScheduledId"), Text(row, "Result")),
            "SubOrchestrationInstanceFailed" => new SubOrchestrationInstanceFailedEvent(id, Int(row, "TaskScheduledId"), Text(row, "Reason"), Text(row, "Details"), Failure(Text(row, "FailureDetails"))),
            "TimerCreated" => new TimerCreatedEvent(id, Time(row, "FireAt")),
            "TimerFired" => new TimerFiredEvent(id, Time(row, "FireAt")) { TimerId = Int(row, "TimerId") },
            "EventRaised" => new EventRaisedEvent(id, Text(row, "Input")) { Name = Text(row, "Name") },
            "EventSent" => new EventSentEvent(id) { InstanceId = Text(row, "InstanceId"), Name = Text(row, "Name"), Input = Text(row, "Input") },
            string other => throw new NotSupportedException($"A recorded history holds an event of type {other}, which the replay does not read yet."),
            null => throw new InvalidDataException("A recorded row has no EventType."),
        };
        e.Timestamp = Time(row, "_Timestamp");
        return e;
    }

    private static string? Text(Dictionary<string, string?> row, string name) => row.TryGetValue(name, out string? value) && value != "null" ? value : null;

    private static int Int(Dictionary<string, string?> row, string name) => int.Parse(Text(row, name) ?? "-1", CultureInfo.InvariantCulture);

    private static DateTime Time(Dictionary<string, string?> row, string name)
        => DateTime.Parse(Text(row, name)!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static ParentInstance? Parent(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using JsonDocument parent = JsonDocument.Parse(json);
        JsonElement instance = parent.RootElement.GetProperty("OrchestrationInstance");
        return new ParentInstance
        {
            Name = parent.RootElement.GetProperty("Name").GetString(),
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instance.GetProperty("InstanceId").GetString(), ExecutionId = instance.GetProperty("ExecutionId").GetString() },
            TaskScheduleId = parent.RootElement.TryGetProperty("TaskScheduleId", out JsonElement scheduled) ? scheduled.GetInt32() : -1,
        };
    }

    private static FailureDetails? Failure(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using JsonDocument failure = JsonDocument.Parse(json);
        JsonElement root = failure.RootElement;
        return new FailureDetails(root.GetProperty("ErrorType").GetString()!, root.GetProperty("ErrorMessage").GetString()!, root.TryGetProperty("StackTrace", out JsonElement stack) ? stack.GetString() : null, null, false);
    }
}
