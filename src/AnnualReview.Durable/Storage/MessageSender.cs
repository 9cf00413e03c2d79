using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace AnnualReview.Durable.Storage;

/// <summary>
/// Sends messages: to a queue (through a blob when too large), or into the timer table when they are
/// timer firings that are not yet due. Every send is idempotent at the receiver thanks to message ids.
/// </summary>
internal sealed class MessageSender(TaskHubStorage storage, TimeProvider clock)
{
    private readonly PayloadStore _payloads = new(storage.Payloads);

    /// <summary>Raised after a message goes to a control queue, so a local poller can wake at once.</summary>
    public event Action<int>? ControlMessageSent;

    public async Task SendAsync(OutboxItem item, CancellationToken cancellation)
    {
        switch (item.Destination)
        {
            case OutboxDestination.WorkItem:
                await EnqueueAsync(storage.WorkItems, item.Message, cancellation);
                break;
            case OutboxDestination.Timer when item.Message.Event.FireAt is { } fireAt && fireAt > clock.GetUtcNow().UtcDateTime:
                await storage.Timers.UpsertEntityAsync(TimerRow(item.Message, fireAt), TableUpdateMode.Replace, cancellation);
                break;
            default:
                await SendToControlAsync(item.Message, cancellation);
                break;
        }
    }

    public async Task SendToControlAsync(TaskMessage message, CancellationToken cancellation)
    {
        int partition = storage.PartitionOf(message.InstanceId);
        await EnqueueAsync(storage.ControlQueues[partition], message, cancellation);
        ControlMessageSent?.Invoke(partition);
    }

    public async Task EnqueueAsync(QueueClient queue, TaskMessage message, CancellationToken cancellation, TimeSpan? visibilityDelay = null)
    {
        string json = message.Serialize();
        string body;
        if (PayloadStore.Utf8Length(json) > PayloadStore.MaxInlineMessageBytes)
        {
            string blob = PayloadStore.BlobNameFor("messages", message.Id);
            await _payloads.WriteAsync(blob, json, cancellation);
            body = JsonSerializer.Serialize(new QueueEnvelope { Blob = blob, Id = message.Id, InstanceId = message.InstanceId }, DataConverter.Options);
        }
        else
        {
            body = JsonSerializer.Serialize(new QueueEnvelope { Message = message }, DataConverter.Options);
        }

        await queue.SendMessageAsync(body, visibilityDelay, timeToLive: TimeSpan.FromSeconds(-1), cancellation);
    }

    /// <summary>Reads a queue message body back into a message, fetching the blob if it was offloaded.</summary>
    public async Task<TaskMessage> DecodeAsync(string body, CancellationToken cancellation)
    {
        QueueEnvelope envelope = JsonSerializer.Deserialize<QueueEnvelope>(body, DataConverter.Options)
            ?? throw new InvalidDataException("Empty queue message.");
        if (envelope.Message is not null)
        {
            return envelope.Message;
        }

        if (envelope.Blob is null)
        {
            throw new InvalidDataException("Queue message has neither a message nor a blob reference.");
        }

        return TaskMessage.Deserialize(await _payloads.ReadAsync(envelope.Blob, cancellation));
    }

    /// <summary>Timer rows sort by due time within a shard, so "what is due" is one short range query.</summary>
    public TableEntity TimerRow(TaskMessage message, DateTime fireAt)
    {
        string shard = "t" + storage.PartitionOf(message.InstanceId).ToString("D2", CultureInfo.InvariantCulture);
        string rowKey = fireAt.Ticks.ToString("D19", CultureInfo.InvariantCulture) + "_" + message.Id;
        return new TableEntity(shard, EscapeKey(rowKey)) { ["Message"] = message.Serialize() };
    }

    /// <summary>Table keys may not contain '/', '\\', '#' or '?'.</summary>
    public static string EscapeKey(string key)
        => key.Replace("/", "%2F", StringComparison.Ordinal).Replace("\\", "%5C", StringComparison.Ordinal)
            .Replace("#", "%23", StringComparison.Ordinal).Replace("?", "%3F", StringComparison.Ordinal);
}
