using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AnnualReview.Bench;

/// <summary>
/// Counts every request the engine sends to storage, keyed by service, HTTP method, what the request is (a table
/// transaction, a point read, a queue receive...) and what it touches (History, Instances, the control queues...).
/// Polls that find nothing are counted apart ("(empty)"), because an idle worker makes them at a fixed rate whatever
/// the work. Calls of the history sealer are marked as its own, as it runs beside DTFx rather than inside it. The
/// time each call took (retries included) is summed too, to tell a slow emulator from a busy engine.
/// </summary>
internal sealed class StorageCallCounter : HttpPipelinePolicy
{
    public const string EmptyMark = " (empty)";
    public const string SealerMark = "sealer ";

    private static readonly AsyncLocal<bool> InSealer = new();
    private readonly Dictionary<int, string> _servicesByPort;
    private readonly string _hubName;
    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    /// <summary>Tells the services apart by the ports of the connection string's endpoints (Azurite), else by host name.</summary>
    public StorageCallCounter(string connectionString, string hubName)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        _hubName = hubName.ToLowerInvariant();
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

    /// <summary>Marks the calls of the current async flow, and of everything it starts, as the sealer's.</summary>
    public static IDisposable Sealer()
    {
        InSealer.Value = true;
        return new SealerScope();
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
        string[] segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);

        // Azurite's paths start with the account name; real storage's do not.
        int first = segments.Length > 0 && segments[0] == Testing.AzuriteServer.AccountName ? 1 : 0;
        string resource = segments.Length > first ? segments[first] : "";
        string what = service switch
        {
            "table" => TableRequest(message, method, resource),
            "queue" => QueueRequest(message, method, uri.AbsolutePath, uri.Query),
            _ => segments.Length > first + 1 ? "blob" : "container",
        };
        // A transaction names its table only in its body; DTFx sends them to History.
        int paren = resource.IndexOf('(', StringComparison.Ordinal);
        string touched = what == "transaction" ? "" : Unhubbed(paren >= 0 ? resource[..paren] : resource);
        string key = $"{(InSealer.Value ? SealerMark : "")}{service} {method} {what} {touched}".TrimEnd();
        return message.HasResponse ? key : key + " (no response)";
    }

    /// <summary>"{hub}History" → "History", "{hub}-control-03" → "control-*": one line per kind of table, queue or container.</summary>
    private string Unhubbed(string name)
    {
        string lower = name.ToLowerInvariant();
        string rest = lower.StartsWith(_hubName, StringComparison.Ordinal) ? name[_hubName.Length..].TrimStart('-') : name;
        int dash = rest.LastIndexOf('-');
        return dash > 0 && rest[(dash + 1)..].All(char.IsAsciiDigit) ? rest[..dash] + "-*" : rest;
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

    private static string TableRequest(HttpMessage message, string method, string resource)
    {
        if (resource == "$batch")
        {
            return "transaction";
        }

        if (resource.StartsWith("Tables", StringComparison.Ordinal))
        {
            return "table";
        }

        if (resource.Contains("(PartitionKey=", StringComparison.Ordinal))
        {
            return method == "GET" ? "point read" : "entity";
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

    private sealed class Tally
    {
        public long Count;
        public long Ticks;
    }

    private sealed class SealerScope : IDisposable
    {
        public void Dispose() => InSealer.Value = false;
    }
}
