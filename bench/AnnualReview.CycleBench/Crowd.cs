namespace AnnualReview.CycleBench;

/// <summary>Something a simulated person does at a simulated moment.</summary>
internal sealed record Act(DateTimeOffset At, string Who, Func<CancellationToken, Task> Run);

/// <summary>
/// Runs what people do in a phase, in the order of their simulated moments, a bounded number at a time. When a
/// slot is free and the engine has caught up (its queues are shallow), the clock jumps to the next person's
/// moment, so the calendar moves as fast as the work allows; it never runs past the phase's ceiling.
/// </summary>
internal sealed class Crowd(SteerableClock clock, Observer observer, int concurrency, int maxQueueDepth)
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
            while (await observer.SampleDepthAsync(cancellation) > maxQueueDepth)
            {
                await Task.Delay(100, cancellation);
            }

            clock.JumpTo(act.At);
            while (clock.GetUtcNow() < act.At)
            {
                // Held at the phase's ceiling (cannot happen for acts inside the window) or racing the jump.
                await Task.Delay(20, cancellation);
            }

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
