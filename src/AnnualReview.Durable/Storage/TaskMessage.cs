using System.Text.Json;
using System.Text.Json.Serialization;
using AnnualReview.Durable.History;

namespace AnnualReview.Durable.Storage;

/// <summary>
/// A queue message: one history event on its way to an instance (control queues) or an activity call
/// (work-item queue). Its id is deterministic, so a message sent twice is recognised as the same one.
/// </summary>
internal sealed record TaskMessage
{
    public required string Id { get; init; }

    /// <summary>The instance the event is for (for an activity call: the instance that scheduled it).</summary>
    public required string InstanceId { get; init; }

    /// <summary>The execution the event belongs to; null for events raised from outside, which go to the current one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ExecutionId { get; init; }

    public required HistoryEvent Event { get; init; }

    /// <summary>How many times this message was deferred because it arrived before its instance was ready.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Deferrals { get; init; }

    public string Serialize() => JsonSerializer.Serialize(this, DataConverter.Options);

    public static TaskMessage Deserialize(string json)
        => JsonSerializer.Deserialize<TaskMessage>(json, DataConverter.Options)
            ?? throw new InvalidDataException("Empty queue message.");
}

/// <summary>What a queue message looks like on the wire: the message itself, or a pointer to the blob holding it.</summary>
internal sealed record QueueEnvelope
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TaskMessage? Message { get; init; }

    /// <summary>Set when the message was too large for a queue (about 45 KB after encoding).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Blob { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    /// <summary>Set with <see cref="Blob"/>: whose message it is, so a message whose blob cannot be read still fails its instance when poisoned.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InstanceId { get; init; }
}

/// <summary>Deterministic message ids: the same logical message always gets the same id.</summary>
internal static class MessageIds
{
    public static string Start(string instanceId, string executionId) => $"{instanceId}|{executionId}|start";

    public static string Activity(string instanceId, string executionId, int eventId) => $"{instanceId}|{executionId}|task|{eventId}";

    public static string ActivityResult(string instanceId, string executionId, int eventId) => $"{instanceId}|{executionId}|done|{eventId}";

    public static string Timer(string instanceId, string executionId, int eventId) => $"{instanceId}|{executionId}|timer|{eventId}";

    public static string SubOrchestrationResult(string parentId, string parentExecutionId, int eventId) => $"{parentId}|{parentExecutionId}|sub|{eventId}";

    public static string SentEvent(string sourceId, string sourceExecutionId, int eventId) => $"{sourceId}|{sourceExecutionId}|event|{eventId}";
}
