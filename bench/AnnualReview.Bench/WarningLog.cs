using Microsoft.Extensions.Logging;

namespace AnnualReview.Bench;

/// <summary>
/// Counts the engine's warnings and errors and writes the first few to stderr, so a figure that comes from
/// retries or poison messages does not pass for a clean run.
/// </summary>
internal sealed class WarningLog : ILoggerProvider
{
    private const int MaxWritten = 10;
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public ILogger CreateLogger(string categoryName) => new WarningLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string category, LogLevel level, string text, Exception? error)
    {
        if (Interlocked.Increment(ref _count) <= MaxWritten)
        {
            Console.Error.WriteLine($"  engine {level} [{category}]: {text}{(error is null ? "" : " — " + error.GetType().Name + ": " + error.Message)}");
        }
    }

    private sealed class WarningLogger(WarningLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write(category, logLevel, formatter(state, exception), exception);
            }
        }
    }
}
