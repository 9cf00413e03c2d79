using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AnnualReview.Bench;

/// <summary>
/// Counts every request the engine sends to storage, keyed by service, HTTP method and what the request is
/// (a table transaction, a point read, a queue receive...). Polls that find nothing are counted apart
/// ("(empty)"), because an idle worker makes them at a fixed rate whatever the work. The time each call
/// took (retries included) is summed too, to tell a slow emulator from a busy engine.
/// </summary>
internal sealed class StorageCallCounter : HttpPipelinePolicy
{
    public const string EmptyMark = " (empty)";

    private readonly Dictionary<int, string> _servicesByPort;
    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    /// <summary>Tells the services apart by the ports of the connection string's endpoints (Azurite), else by host name.</summary>
    public StorageCallCounter(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        _servicesByPort = [];
        foreach (string part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !Uri.TryCreate(part[(equals + 1)..], UriKind.Absolute, out Uri? endpoint))
            {
                continue;
            }

            string? service = part[..equals] switch
            {
                "TableEndpoint" => "table",
                "QueueEndpoint" => "queue",
                "BlobEndpoint" => "blob",
                _ => null,
            };
            if (service is not null)
            {
                _servicesByPort[endpoint.Port] = service;
            }
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Record(message, started);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            Record(message, started);
        }
    }

    /// <summary>The counts and summed durations so far; subtract two snapshots with <see cref="StorageCalls.Between"/>.</summary>
    public IReadOnlyDictionary<string, (long Count, TimeSpan Time)> Snapshot()
        => _tallies.ToDictionary(t => t.Key, t => (Volatile.Read(ref t.Value.Count), Stopwatch.GetElapsedTime(0, Volatile.Read(ref t.Value.Ticks))), StringComparer.Ordinal);

    private void Record(HttpMessage message, long started)
    {
        Tally tally = _tallies.GetOrAdd(Classify(message), _ => new Tally());
        Interlocked.Increment(ref tally.Count);
        Interlocked.Add(ref tally.Ticks, Stopwatch.GetTimestamp() - started);
    }

    private string Classify(HttpMessage message)
    {
        Uri uri = message.Request.Uri.ToUri();
        string method = message.Request.Method.Method;
        string service = ServiceOf(uri);
        string what = service switch
        {
            "table" => TableRequest(message, method, uri.AbsolutePath),
            "queue" => QueueRequest(message, method, uri.AbsolutePath, uri.Query),
            _ => uri.AbsolutePath.Count(c => c == '/') > 2 ? "blob" : "container",
        };
        string key = $"{service} {method} {what}";
        return message.HasResponse ? key : key + " (no response)";
    }

    private string ServiceOf(Uri uri)
    {
        if (_servicesByPort.TryGetValue(uri.Port, out string? service))
        {
            return service;
        }

        string host = uri.Host;
        return host.Contains(".table.", StringComparison.OrdinalIgnoreCase) ? "table"
            : host.Contains(".queue.", StringComparison.OrdinalIgnoreCase) ? "queue"
            : host.Contains(".blob.", StringComparison.OrdinalIgnoreCase) ? "blob"
            : "other";
    }

    private static string TableRequest(HttpMessage message, string method, string path)
    {
        if (path.EndsWith("$batch", StringComparison.Ordinal))
        {
            return "transaction";
        }

        if (path.Contains("(PartitionKey=", StringComparison.Ordinal))
        {
            return "entity";
        }

        if (path.EndsWith("/Tables", StringComparison.Ordinal) || path.Contains("/Tables(", StringComparison.Ordinal))
        {
            return "table";
        }

        if (method != "GET")
        {
            return "entity";
        }

        // A query whose page holds no entity: {"odata.metadata":"...","value":[]}
        string body = BodyOf(message);
        return body.Replace(" ", "", StringComparison.Ordinal).Contains("\"value\":[]", StringComparison.Ordinal) ? "query" + EmptyMark : "query";
    }

    private static string QueueRequest(HttpMessage message, string method, string path, string query)
    {
        if (query.Contains("comp=metadata", StringComparison.OrdinalIgnoreCase))
        {
            return "properties";
        }

        bool messages = path.EndsWith("/messages", StringComparison.Ordinal);
        bool oneMessage = path.Contains("/messages/", StringComparison.Ordinal);
        return method switch
        {
            "GET" when messages && query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) => "peek",
            "GET" when messages => BodyOf(message).Contains("<QueueMessage>", StringComparison.Ordinal) ? "receive" : "receive" + EmptyMark,
            "POST" when messages => "send",
            "DELETE" when oneMessage => "delete",
            "PUT" when oneMessage => "update",
            "DELETE" when messages => "clear",
            _ => "queue",
        };
    }

    private sealed class Tally
    {
        public long Count;
        public long Ticks;
    }

    private static string BodyOf(HttpMessage message)
    {
        if (!message.HasResponse)
        {
            return "";
        }

        try
        {
            return message.Response.Content.ToString();
        }
        catch (InvalidOperationException)
        {
            // A streamed (unbuffered) response: its body cannot be read here without consuming it.
            return "";
        }
    }
}
