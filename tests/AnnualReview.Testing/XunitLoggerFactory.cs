using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AnnualReview.Testing;

/// <summary>Sends engine logs to the test's output, so a failing test shows what the worker saw.</summary>
public sealed class XunitLoggerFactory(ITestOutputHelper output, LogLevel minimum = LogLevel.Information) : ILoggerFactory
{
    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new Logger(output, categoryName, minimum);

    public void Dispose()
    {
    }

    private sealed class Logger(ITestOutputHelper output, string category, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            try
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)} {exception}");
            }
            catch (InvalidOperationException)
            {
                // The test already finished; late log lines from background loops are dropped.
            }
        }
    }
}

/// <summary>The same, as a provider for a service collection's logging.</summary>
public sealed class XunitLoggerProvider(ITestOutputHelper output, LogLevel minimum = LogLevel.Information) : ILoggerProvider
{
    private readonly XunitLoggerFactory _factory = new(output, minimum);

    public ILogger CreateLogger(string categoryName) => _factory.CreateLogger(categoryName);

    public void Dispose()
    {
    }
}
