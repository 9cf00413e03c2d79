using Azure.Core;
using Azure.Core.Pipeline;

namespace AnnualReview.Durable.Tests.Worker;

/// <summary>
/// Simulates a worker process dying at its n-th storage call: that call and every later one fail, as if
/// the process were gone. Idle polling (queue receives, timer scans) is not counted, so the n-th call is
/// the same step of the scenario in every run.
/// </summary>
internal sealed class FaultInjectionPolicy(int crashAt) : HttpPipelinePolicy
{
    private int _counted;

    public bool Crashed { get; private set; }

    public int Counted => Volatile.Read(ref _counted);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        ProcessNext(message, pipeline);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        await ProcessNextAsync(message, pipeline);
    }

    private void Check(HttpMessage message)
    {
        if (Crashed)
        {
            throw new InjectedCrashException();
        }

        if (IsPolling(message.Request))
        {
            return;
        }

        if (Interlocked.Increment(ref _counted) == crashAt)
        {
            Crashed = true;
            throw new InjectedCrashException();
        }
    }

    private static bool IsPolling(Request request)
    {
        string uri = request.Uri.ToString();
        bool queueReceive = request.Method == RequestMethod.Get && uri.Contains("/messages", StringComparison.Ordinal) && !uri.Contains("peekonly", StringComparison.Ordinal);
        bool timerScan = request.Method == RequestMethod.Get && uri.Contains("Timers()", StringComparison.Ordinal);
        bool indexScan = request.Method == RequestMethod.Get && uri.Contains("Index()", StringComparison.Ordinal);
        return queueReceive || timerScan || indexScan;
    }
}

internal sealed class InjectedCrashException : Exception
{
    public InjectedCrashException()
        : base("Injected crash: the worker process is gone.")
    {
    }

    public InjectedCrashException(string message)
        : base(message)
    {
    }

    public InjectedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
