namespace AnnualReview.Bench;

internal static class Stats
{
    /// <summary>The nearest-rank percentile (0–100) of the values.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        double[] sorted = [.. values.Order()];
        int rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Round(double value, int digits = 1) => Math.Round(value, digits, MidpointRounding.AwayFromZero);

    /// <summary>A history timestamp as UTC: the engine writes UTC, and a value without a kind is taken as UTC too.</summary>
    public static DateTime AsUtc(DateTime time) => time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime();

    public static double Megabytes(long bytes) => Round(bytes / 1024.0 / 1024.0);
}
