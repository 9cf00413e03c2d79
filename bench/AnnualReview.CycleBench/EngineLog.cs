using Microsoft.Extensions.Logging;

namespace AnnualReview.CycleBench;

/// <summary>The engine's warnings and errors: the first few go to stderr, all are counted.</summary>
internal sealed class EngineLog : ILoggerFactory, ILogger
{
    private const int Shown = 20;
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

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

        if (Interlocked.Increment(ref _count) <= Shown)
        {
            Console.Error.WriteLine($"engine {logLevel}: {formatter(state, exception)}{(exception is null ? "" : " — " + exception.GetType().Name + ": " + exception.Message)}");
        }
    }

    public void Dispose()
    {
    }
}
