namespace AnnualReview.CycleBench;

/// <summary>Something a simulated person does at a simulated moment.</summary>
internal sealed record Act(DateTimeOffset At, string Who, Func<CancellationToken, Task> Run);

/// <summary>
/// Runs what people do in a phase, in the order of their simulated moments, a bounded number at a time. Each acts when
/// the cycle's clock reaches their moment, or as soon as a slot frees up after it: the calendar does not wait for
/// them (nor for the engine), so how late they acted is reported with the phase.
/// </summary>
internal sealed class Crowd(ScaledClockWait clock, Phases phases, int concurrency)
{
    public int Failures { get; private set; }

    public async Task RunAsync(IEnumerable<Act> acts, CancellationToken cancellation)
    {
        using var slots = new SemaphoreSlim(concurrency);
        var running = new List<Task>();
        var failures = 0;
        foreach (Act act in acts.OrderBy(a => a.At))
        {
            await slots.WaitAsync(cancellation);
            await clock.UntilAsync(act.At, cancellation);
            phases.ActedLate(clock.Now - act.At);
            running.Add(Task.Run(async () =>
            {
                try
                {
                    using (CallCounter.Command())
                    {
                        await act.Run(cancellation);
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    if (Interlocked.Increment(ref failures) <= 10)
                    {
                        Console.Error.WriteLine($"{act.Who}: {error.GetType().Name}: {error.Message}");
                    }
                }
                finally
                {
                    slots.Release();
                }
            }, cancellation));
            if (running.Count > 4 * concurrency)
            {
                running.RemoveAll(t => t.IsCompleted);
            }
        }

        await Task.WhenAll(running);
        Failures += failures;
    }
}
