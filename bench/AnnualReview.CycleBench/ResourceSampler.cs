using System.Diagnostics;

namespace AnnualReview.CycleBench;

/// <summary>
/// Samples this process's working set and managed heap, and Azurite's CPU and memory, once a second, keeps the
/// peaks, and every ten seconds writes a progress line to stderr.
/// </summary>
internal sealed class ResourceSampler : IAsyncDisposable
{
    private const double Mb = 1024 * 1024;
    private readonly IReadOnlyList<Process> _azurite;
    private readonly Func<string> _progress;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Stopwatch _since = Stopwatch.StartNew();

    public ResourceSampler(IReadOnlyList<Process> azurite, Func<string> progress)
    {
        _azurite = azurite;
        _progress = progress;
        _loop = Task.Run(LoopAsync);
    }

    public double PeakWorkingSetMb { get; private set; }

    public double PeakManagedHeapMb { get; private set; }

    public double AzuritePeakWorkingSetMb { get; private set; }

    /// <summary>Azurite's CPU time so far (all its processes and threads; 100% of one core = 1 s per second).</summary>
    public TimeSpan AzuriteCpu()
    {
        TimeSpan total = TimeSpan.Zero;
        foreach (Process process in _azurite)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Refresh();
                    total += process.TotalProcessorTime;
                }
            }
            catch (InvalidOperationException)
            {
                // Ended; the bench notices elsewhere.
            }
        }

        return total;
    }

    public static TimeSpan OwnCpu() => Process.GetCurrentProcess().TotalProcessorTime;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        long lastPrint = 0;
        TimeSpan lastAzuriteCpu = AzuriteCpu();
        TimeSpan lastOwnCpu = OwnCpu();
        double lastSeconds = 0;
        while (!_stop.IsCancellationRequested)
        {
            Sample();
            double seconds = _since.Elapsed.TotalSeconds;
            if (seconds - lastPrint >= 10)
            {
                TimeSpan azuriteCpu = AzuriteCpu();
                TimeSpan ownCpu = OwnCpu();
                double span = Math.Max(0.001, seconds - lastSeconds);
                Console.Error.WriteLine(
                    $"[{seconds,6:0}s] {_progress()} | ws {PeakWorkingSetMbNow():0} MB | cpu bench {(ownCpu - lastOwnCpu).TotalSeconds / span * 100:0}% azurite {(azuriteCpu - lastAzuriteCpu).TotalSeconds / span * 100:0}%");
                lastPrint = (long)seconds;
                lastSeconds = seconds;
                lastAzuriteCpu = azuriteCpu;
                lastOwnCpu = ownCpu;
            }

            await Task.Delay(1000, _stop.Token);
        }
    }

    private static double PeakWorkingSetMbNow()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64 / Mb;
    }

    private void Sample()
    {
        using (var self = Process.GetCurrentProcess())
        {
            PeakWorkingSetMb = Math.Max(PeakWorkingSetMb, self.WorkingSet64 / Mb);
        }

        PeakManagedHeapMb = Math.Max(PeakManagedHeapMb, GC.GetTotalMemory(false) / Mb);
        double azurite = 0;
        foreach (Process process in _azurite)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Refresh();
                    azurite += process.WorkingSet64 / Mb;
                }
            }
            catch (InvalidOperationException)
            {
                // Ended; the bench notices elsewhere.
            }
        }

        AzuritePeakWorkingSetMb = Math.Max(AzuritePeakWorkingSetMb, azurite);
    }
}
