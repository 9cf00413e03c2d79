using Microsoft.Extensions.Logging;

namespace AnnualReview.CycleBench;

/// <summary>
/// The engine's warnings and errors: the first few go to stderr, all are counted, by DTFx's event name (it warns of
/// every message it puts back, so the kinds tell a retried start from a failing activity).
/// </summary>
internal sealed class EngineLog : ILoggerProvider, ILogger
{
    private const int Shown = 20;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _byEvent = new(StringComparer.Ordinal);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public IReadOnlyDictionary<string, int> ByEvent => new SortedDictionary<string, int>(_byEvent, StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        _byEvent.AddOrUpdate(eventId.Name ?? eventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
        if (Interlocked.Increment(ref _count) <= Shown)
        {
            Console.Error.WriteLine($"engine {logLevel}: {formatter(state, exception)}{(exception is null ? "" : " — " + exception.GetType().Name + ": " + exception.Message)}");
        }
    }

    public void Dispose()
    {
    }
}
