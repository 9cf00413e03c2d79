namespace AnnualReview.Durable.Tests;

/// <summary>
/// Waits for a condition that the engine reaches in the background (a status, a row, an index update),
/// probing every few milliseconds until the test's timeout token fires. A probe that never succeeds fails
/// the test with what it was waiting for and the last value it saw.
/// </summary>
internal static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, CancellationToken timeout)
    {
        T last = default!;
        try
        {
            while (true)
            {
                last = await probe();
                if (done(last))
                {
                    return last;
                }

                await Task.Delay(50, timeout);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out waiting for {what}; last seen: {Describe(last)}");
        }
    }

    public static Task TrueAsync(Func<Task<bool>> probe, string what, CancellationToken timeout)
        => ReturnsAsync(probe, ok => ok, what, timeout);

    private static string Describe<T>(T value) => value switch
    {
        null => "(null)",
        System.Collections.IEnumerable items and not string => "[" + string.Join(", ", items.Cast<object?>()) + "]",
        _ => value.ToString() ?? "(null)",
    };
}
