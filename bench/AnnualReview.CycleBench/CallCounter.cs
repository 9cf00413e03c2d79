using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AnnualReview.CycleBench;

/// <summary>One counted kind of storage call in one phase, from one source, on one table, queue or container.</summary>
internal readonly record struct CallKey(string Phase, string Source, string Kind, string Resource);

/// <summary>
/// Counts every storage request that passes through it, by the bench's current phase, by who made it (the engine,
/// its history sealer, the assessment activities, or the simulated people's commands), by kind (table transaction,
/// point read, query, queue send/receive/delete, blob) and by table, queue or container. Receives and queries that come
/// back empty are their own kinds, because idle pollers make them at a fixed rate whatever the work.
/// </summary>
internal sealed class CallCounter
{
    public const string Empty = " (empty)";

    private static readonly AsyncLocal<string?> FlowSource = new();
    private readonly ConcurrentDictionary<CallKey, Tally> _tallies = new();
    private readonly ConcurrentDictionary<string, long> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<HttpMessage, long> _inFlight = new(ReferenceEqualityComparer.Instance);
    private volatile string _phase = "setup";

    public string Phase
    {
        get => _phase;
        set => _phase = value;
    }

    /// <summary>Marks the calls made by the current async flow as a simulated person's command.</summary>
    public static IDisposable Command() => As("people");

    /// <summary>
    /// Marks the calls made by the current async flow, and by every task it starts, as <paramref name="source"/>'s,
    /// whichever client they go through: a person's command goes through the engine's client, and a background
    /// service started inside the scope keeps it for its whole life.
    /// </summary>
    public static IDisposable As(string source)
    {
        FlowSource.Value = source;
        return new SourceScope();
    }

    public HttpPipelinePolicy PolicyFor(string source) => new Policy(this, source);

    public IReadOnlyDictionary<CallKey, (long Count, TimeSpan Time)> Snapshot()
        => _tallies.ToDictionary(t => t.Key, t => (Volatile.Read(ref t.Value.Count), Stopwatch.GetElapsedTime(0, Volatile.Read(ref t.Value.Ticks))));

    /// <summary>Requests answered with an error status, by kind and status (404/409/412 are expected in places).</summary>
    public IReadOnlyDictionary<string, long> Failures() => new Dictionary<string, long>(_failures, StringComparer.Ordinal);

    /// <summary>Requests sent and not yet answered, and the oldest of them (a hung emulator shows here first).</summary>
    public string InFlight()
    {
        var pending = _inFlight.ToArray();
        if (pending.Length == 0)
        {
            return "0 in flight";
        }

        var oldest = pending.MinBy(p => p.Value);
        Uri uri = oldest.Key.Request.Uri.ToUri();
        return $"{pending.Length} in flight, oldest {Stopwatch.GetElapsedTime(oldest.Value).TotalSeconds:0.0} s {oldest.Key.Request.Method} {uri.AbsolutePath}";
    }

    public static bool IsEmptyPoll(string kind) => kind.EndsWith(Empty, StringComparison.Ordinal);

    private void Start(HttpMessage message, long started) => _inFlight[message] = started;

    private void Record(HttpMessage message, string source, long started)
    {
        _inFlight.TryRemove(message, out _);
        (string kind, string resource) = CallKinds.Classify(message);
        string from = FlowSource.Value ?? source;
        Tally tally = _tallies.GetOrAdd(new CallKey(_phase, from, kind, resource), _ => new Tally());
        Interlocked.Increment(ref tally.Count);
        Interlocked.Add(ref tally.Ticks, Stopwatch.GetTimestamp() - started);
        int status = message.HasResponse ? message.Response.Status : 0;
        if (status is 0 or >= 400)
        {
            _failures.AddOrUpdate($"{kind} {status}", 1, (_, n) => n + 1);
        }
    }

    private sealed class Tally
    {
        public long Count;
        public long Ticks;
    }

    private sealed class SourceScope : IDisposable
    {
        public void Dispose() => FlowSource.Value = null;
    }

    private sealed class Policy(CallCounter counter, string source) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            long started = Stopwatch.GetTimestamp();
            counter.Start(message, started);
            try
            {
                ProcessNext(message, pipeline);
            }
            finally
            {
                counter.Record(message, source, started);
            }
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            long started = Stopwatch.GetTimestamp();
            counter.Start(message, started);
            try
            {
                await ProcessNextAsync(message, pipeline);
            }
            finally
            {
                counter.Record(message, source, started);
            }
        }
    }
}
