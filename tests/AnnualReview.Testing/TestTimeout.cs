namespace AnnualReview.Testing;

/// <summary>Cancellation tokens that bound how long one test may wait on storage or on the engine.</summary>
public static class TestTimeout
{
    /// <summary>
    /// Returns a token that is cancelled once <paramref name="timeout"/> has elapsed. Take one per test and pass
    /// it to every wait, so a hung test fails with an <see cref="OperationCanceledException"/> instead of hanging the run.
    /// </summary>
    public static CancellationToken For(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);

        // The source is not disposed: its timer fires once and the source is then left to the garbage collector.
        var source = new CancellationTokenSource(timeout);
        return source.Token;
    }
}
