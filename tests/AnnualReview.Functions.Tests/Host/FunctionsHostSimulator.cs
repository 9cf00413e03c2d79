using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AnnualReview.Durable.Client;
using AnnualReview.Functions.Host;
using AnnualReview.Testing;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Host;

/// <summary>How the host puts a queue message into an invocation's Data.</summary>
public enum MessageShape
{
    /// <summary>A string message: serialized once more as JSON, so the value's text is a quoted string.</summary>
    QuotedString,

    /// <summary>A byte[] message: base64 text.</summary>
    Base64Bytes,
}

/// <summary>
/// Plays the Functions host against the real app: reads the task hub's queues the way the queue trigger does
/// (base64 message encoding, as host.json sets), invokes <c>POST /{Function}</c> with the host's request shape,
/// and deletes a message only after a 2xx reply.
/// </summary>
internal sealed class FunctionsHostSimulator(TestApp app, AzuriteFixture azurite, MessageShape shape)
{
    private readonly QueueServiceClient _queues = new(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
    private readonly HttpClient _http = app.Anonymous();

    public List<HttpReply> Replies { get; } = [];

    public IEnumerable<(string Function, string Queue)> Functions()
    {
        for (int p = 0; p < HostFunctions.ControlQueueCount; p++)
        {
            yield return (HostFunctions.ControlQueue(p), $"{app.TaskHub}-control-{p:D2}");
        }

        yield return (HostFunctions.WorkItems, $"{app.TaskHub}-workitems");
    }

    /// <summary>Delivers every message visible now, once. Returns how many were delivered.</summary>
    public async Task<int> DeliverVisibleAsync(CancellationToken cancellation)
    {
        int delivered = 0;
        foreach (var (function, queueName) in Functions())
        {
            QueueClient queue = _queues.GetQueueClient(queueName);
            QueueMessage[] messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), cancellation)).Value;
            foreach (QueueMessage message in messages)
            {
                HttpReply reply = await InvokeAsync(function, message.Body.ToString(), message.DequeueCount, message.MessageId, cancellation);
                Assert.True(reply.Status == 200, $"{function} answered {reply.Status}: {reply.Body}");
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellation);
                delivered++;
            }
        }

        return delivered;
    }

    public async Task<OrchestrationMetadata> RunUntilCompletedAsync(string instanceId, CancellationToken cancellation)
    {
        DurableTaskClient client = app.Services.GetRequiredService<DurableTaskClient>();
        while (true)
        {
            int delivered = await DeliverVisibleAsync(cancellation);
            if (await client.GetInstanceAsync(instanceId, true, cancellation) is { IsCompleted: true } done)
            {
                return done;
            }

            if (delivered == 0)
            {
                await Task.Delay(100, cancellation);
            }
        }
    }

    public async Task<HttpReply> InvokeAsync(string function, string messageText, long dequeueCount, string messageId, CancellationToken cancellation)
    {
        object data = shape == MessageShape.QuotedString
            ? JsonSerializer.Serialize(messageText)
            : Convert.ToBase64String(Encoding.UTF8.GetBytes(messageText));
        return await InvokeRawAsync(function, new Dictionary<string, object> { [HostFunctions.QueueBinding] = data }, QueueMetadata(function, messageId, dequeueCount), cancellation);
    }

    public async Task<HttpReply> InvokeRawAsync(string function, object data, object metadata, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + function)
        {
            Content = JsonContent.Create(new Dictionary<string, object> { ["Data"] = data, ["Metadata"] = metadata }),
        };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Azure-Functions-HostVersion", "4.1040.0");
        using HttpResponseMessage response = await _http.SendAsync(request, cancellation);
        var reply = new HttpReply((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellation));
        Replies.Add(reply);
        return reply;
    }

    /// <summary>The host serializes each metadata value on its own: numbers become their text, strings gain quotes.</summary>
    public static Dictionary<string, object> QueueMetadata(string function, string messageId, long dequeueCount)
    {
        string now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        return new Dictionary<string, object>
        {
            ["DequeueCount"] = dequeueCount.ToString(CultureInfo.InvariantCulture),
            ["ExpirationTime"] = now,
            ["Id"] = JsonSerializer.Serialize(messageId),
            ["InsertionTime"] = now,
            ["NextVisibleTime"] = now,
            ["PopReceipt"] = JsonSerializer.Serialize("receipt"),
            ["sys"] = new Dictionary<string, object> { ["MethodName"] = function, ["UtcNow"] = now, ["RandGuid"] = Guid.NewGuid().ToString() },
        };
    }
}

internal sealed record HttpReply(int Status, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}
