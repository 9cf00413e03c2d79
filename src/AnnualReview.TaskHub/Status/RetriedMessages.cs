using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AnnualReview.TaskHub.Status;

/// <summary>
/// One message DTFx keeps putting back: which instance, what event, how often it was put back here, the delay
/// before its next try, and whether DTFx now calls it poison (after about ten tries, ten minutes apart from then on).
/// </summary>
public sealed record RetriedMessage(string MessageId, string InstanceId, string EventType, string Queue, int TimesPutBack, int NextTryInSeconds, long DequeueCount, bool Poison, DateTimeOffset LastSeen);

/// <summary>
/// DTFx never drops a message it cannot process: it puts it back with a growing delay (2, 4, 8 … seconds, at most
/// ten minutes) and, once the delay reaches ten minutes, logs it as poison (event 109) each time it comes back. This
/// ledger listens to the Azure Storage provider's log for those events, so the status page can show them.
/// </summary>
public sealed class RetriedMessages
{
    /// <summary>The Azure Storage provider's events for a message put back (104) and one considered poison (109).</summary>
    public const int AbandoningMessage = 104;
    public const int PoisonMessageDetected = 109;

    private readonly ConcurrentDictionary<string, RetriedMessage> _messages = new(StringComparer.Ordinal);

    public IReadOnlyList<RetriedMessage> Current => [.. _messages.Values.OrderByDescending(m => m.LastSeen)];

    public int PoisonCount => _messages.Values.Count(m => m.Poison);

    public void Record(int eventId, IReadOnlyDictionary<string, object?> fields, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (eventId is not (AbandoningMessage or PoisonMessageDetected) || Text(fields, "MessageId") is not { Length: > 0 } messageId)
        {
            return;
        }

        long dequeues = Number(fields, "DequeueCount");
        int putBack = eventId == AbandoningMessage ? 1 : 0;
        int delay = (int)Number(fields, "VisibilityTimeoutSeconds");
        bool poison = eventId == PoisonMessageDetected;
        _messages.AddOrUpdate(
            messageId,
            _ => new RetriedMessage(messageId, Text(fields, "InstanceId") ?? "", Text(fields, "EventType") ?? "", Text(fields, "PartitionId") ?? "", putBack, delay, dequeues, poison, at),
            (_, known) => known with
            {
                TimesPutBack = known.TimesPutBack + putBack,
                NextTryInSeconds = putBack > 0 ? delay : known.NextTryInSeconds,
                DequeueCount = Math.Max(known.DequeueCount, dequeues),
                Poison = known.Poison || poison,
                LastSeen = at,
            });
    }

    /// <summary>A message that was processed after all is no longer retried.</summary>
    public void Forget(string messageId) => _messages.TryRemove(messageId, out _);

    private static long Number(IReadOnlyDictionary<string, object?> fields, string name)
        => fields.TryGetValue(name, out object? value) && value is not null ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static string? Text(IReadOnlyDictionary<string, object?> fields, string name)
        => fields.TryGetValue(name, out object? value) ? value?.ToString() : null;
}

/// <summary>Hands the Azure Storage provider's log to the app's loggers, and its retry events to <see cref="RetriedMessages"/>.</summary>
public sealed class RetryListeningLoggerFactory(ILoggerFactory inner, RetriedMessages ledger, TimeProvider clock) : ILoggerFactory
{
    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public ILogger CreateLogger(string categoryName) => new Listener(inner.CreateLogger(categoryName), ledger, clock);

    public void Dispose()
    {
    }

    private sealed class Listener(ILogger inner, RetriedMessages ledger, TimeProvider clock) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning || inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id is RetriedMessages.AbandoningMessage or RetriedMessages.PoisonMessageDetected && state is IEnumerable<KeyValuePair<string, object?>> fields)
            {
                ledger.Record(eventId.Id, fields.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First().Value), clock.GetUtcNow());
            }

            if (inner.IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
