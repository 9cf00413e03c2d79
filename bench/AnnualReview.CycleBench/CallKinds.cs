using Azure.Core;

namespace AnnualReview.CycleBench;

/// <summary>Names a storage request by what it does and what it touches, from its URL, method and (small) response body.</summary>
internal static class CallKinds
{
    // An empty query page or an empty receive is a short body; anything longer holds at least one row or message.
    private const int EmptyBodyLimit = 512;

    public static (string Kind, string Resource) Classify(HttpMessage message)
    {
        Uri uri = message.Request.Uri.ToUri();
        string method = message.Request.Method.Method;
        string[] segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);

        // Azurite's paths start with the account name; real storage's do not.
        int first = segments.Length > 0 && segments[0] == "devstoreaccount1" ? 1 : 0;
        string resource = segments.Length > first ? segments[first] : "";
        return ServiceOf(uri) switch
        {
            "table" => Table(message, method, resource),
            "queue" => Queue(message, method, uri, resource),
            _ => (segments.Length > first + 1 ? (method == "GET" || method == "HEAD" ? "blob read" : "blob write") : "blob container", resource),
        };
    }

    private static string ServiceOf(Uri uri)
    {
        string host = uri.Host;
        if (host.Contains(".table.", StringComparison.OrdinalIgnoreCase))
        {
            return "table";
        }

        if (host.Contains(".queue.", StringComparison.OrdinalIgnoreCase))
        {
            return "queue";
        }

        if (host.Contains(".blob.", StringComparison.OrdinalIgnoreCase))
        {
            return "blob";
        }

        // Azurite: tell the services apart by the ports the bench gave them.
        return Ports.TryGetValue(uri.Port, out string? service) ? service : "other";
    }

    /// <summary>Port → service, filled from the emulator's connection string.</summary>
    public static Dictionary<int, string> Ports { get; } = [];

    public static void LearnPorts(string connectionString)
    {
        foreach (string part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && Uri.TryCreate(part[(equals + 1)..], UriKind.Absolute, out Uri? endpoint))
            {
                string? service = part[..equals] switch
                {
                    "TableEndpoint" => "table",
                    "QueueEndpoint" => "queue",
                    "BlobEndpoint" => "blob",
                    _ => null,
                };
                if (service is not null)
                {
                    Ports[endpoint.Port] = service;
                }
            }
        }
    }

    private static (string, string) Table(HttpMessage message, string method, string resource)
    {
        if (resource.EndsWith("$batch", StringComparison.Ordinal))
        {
            return ("table transaction", Unsharded(TableOfBatch(message)));
        }

        int paren = resource.IndexOf('(', StringComparison.Ordinal);
        string table = Unsharded(paren >= 0 ? resource[..paren] : resource);
        if (table == "Tables")
        {
            return ("table admin", "");
        }

        bool keyed = resource.Contains("PartitionKey=", StringComparison.Ordinal);
        return method switch
        {
            "GET" when keyed => ("table point read", table),
            "GET" => (IsEmpty(message, "\"value\":[]") ? "table query" + CallCounter.Empty : "table query", table),
            _ => ("table entity write", table),
        };
    }

    private static (string, string) Queue(HttpMessage message, string method, Uri uri, string resource)
    {
        string path = uri.AbsolutePath;
        string query = uri.Query;
        if (query.Contains("comp=metadata", StringComparison.OrdinalIgnoreCase) || query.Contains("comp=list", StringComparison.OrdinalIgnoreCase))
        {
            return ("queue properties", QueueName(resource));
        }

        bool messages = path.EndsWith("/messages", StringComparison.Ordinal);
        bool oneMessage = path.Contains("/messages/", StringComparison.Ordinal);
        string kind = method switch
        {
            "GET" when messages && query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) => "queue peek",
            "GET" when messages => IsEmpty(message, "<QueueMessage>", emptyWhenAbsent: true) ? "queue receive" + CallCounter.Empty : "queue receive",
            "POST" when messages => "queue send",
            "DELETE" when oneMessage => "queue delete",
            "PUT" when oneMessage => "queue update",
            _ => "queue admin",
        };
        return (kind, QueueName(resource));
    }

    /// <summary>Shards of one table are "reviewInbox00"…; one name for all of them, as for the control queues.</summary>
    private static string Unsharded(string table)
        => table.Length > 2 && char.IsAsciiDigit(table[^1]) && char.IsAsciiDigit(table[^2]) ? table[..^2] + "*" : table;

    /// <summary>Control queues are "hub-control-00"…; one name for all of them keeps the table short.</summary>
    private static string QueueName(string queue)
    {
        int control = queue.IndexOf("-control-", StringComparison.Ordinal);
        return control >= 0 ? queue[..(control + "-control".Length)] + "-*" : queue;
    }

    private static string TableOfBatch(HttpMessage message)
    {
        // The batch body names the table in each change set's request line; read only the start of it.
        if (message.Request.Content is null)
        {
            return "";
        }

        using var buffer = new MemoryStream();
        message.Request.Content.WriteTo(buffer, CancellationToken.None);
        string head = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)Math.Min(buffer.Length, 2048));
        foreach (string verb in new[] { "POST ", "PUT ", "MERGE ", "PATCH ", "DELETE " })
        {
            int at = head.IndexOf("\n" + verb + "http", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            int start = head.IndexOf('/', head.IndexOf("//", at, StringComparison.Ordinal) + 2);
            string rest = head[(start + 1)..];
            string[] parts = rest.Split('/', 2);
            string tail = parts.Length > 1 && parts[0] == "devstoreaccount1" ? parts[1] : parts[0];
            int end = tail.IndexOfAny(['(', ' ', '?', '\r', '\n']);
            return end >= 0 ? tail[..end] : tail;
        }

        return "";
    }

    private static bool IsEmpty(HttpMessage message, string marker, bool emptyWhenAbsent = false)
    {
        if (!message.HasResponse || message.Response.Status >= 400)
        {
            return false;
        }

        try
        {
            ReadOnlyMemory<byte> body = message.Response.Content.ToMemory();
            if (body.Length > EmptyBodyLimit)
            {
                return false;
            }

            string text = System.Text.Encoding.UTF8.GetString(body.Span).Replace(" ", "", StringComparison.Ordinal);
            bool found = text.Contains(marker.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
            return emptyWhenAbsent ? !found : found;
        }
        catch (InvalidOperationException)
        {
            // A streamed response cannot be read here without consuming it.
            return false;
        }
    }
}
