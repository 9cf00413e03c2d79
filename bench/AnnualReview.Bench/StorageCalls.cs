using System.Globalization;

namespace AnnualReview.Bench;

/// <summary>The storage calls made between two snapshots of a <see cref="StorageCallCounter"/>.</summary>
internal sealed class StorageCalls
{
    private StorageCalls(IReadOnlyDictionary<string, long> counts)
    {
        Counts = counts;
    }

    public IReadOnlyDictionary<string, long> Counts { get; }

    public long Total => Counts.Values.Sum();

    /// <summary>Queue receives that returned no message.</summary>
    public long EmptyQueuePolls => Sum(k => k.StartsWith("queue GET receive", StringComparison.Ordinal) && IsEmpty(k));

    /// <summary>Table queries that returned no entity (the timer table's due-time scans, mostly).</summary>
    public long EmptyTableQueries => Sum(k => k.StartsWith("table GET query", StringComparison.Ordinal) && IsEmpty(k));

    /// <summary>Every call except queue receives that found nothing: the figure the targets are set on.</summary>
    public long ExcludingEmptyPolls => Total - EmptyQueuePolls;

    /// <summary>Only the calls that moved or read something: no empty receive, no empty query.</summary>
    public long ExcludingAllEmpty => Total - EmptyQueuePolls - EmptyTableQueries;

    public static StorageCalls Between(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after)
    {
        var delta = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, count) in after)
        {
            long made = count - before.GetValueOrDefault(key);
            if (made > 0)
            {
                delta[key] = made;
            }
        }

        return new StorageCalls(delta);
    }

    /// <summary>One indented line per kind of call, most frequent first, with its count per <paramref name="unit"/>.</summary>
    public void WriteBreakdown(TextWriter output, double units, string unit)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var (key, count) in Counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {key,-34} {count,9:N0}  {count / units,7:F3} per {unit}"));
        }
    }

    private static bool IsEmpty(string key) => key.EndsWith(StorageCallCounter.EmptyMark, StringComparison.Ordinal);

    private long Sum(Func<string, bool> which) => Counts.Where(c => which(c.Key)).Sum(c => c.Value);
}
