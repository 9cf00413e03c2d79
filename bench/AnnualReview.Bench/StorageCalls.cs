using System.Globalization;

namespace AnnualReview.Bench;

/// <summary>The storage calls made between two snapshots of a <see cref="StorageCallCounter"/>, with the time they took.</summary>
internal sealed class StorageCalls
{
    private StorageCalls(IReadOnlyDictionary<string, (long Count, TimeSpan Time)> calls)
    {
        Calls = calls;
    }

    public IReadOnlyDictionary<string, (long Count, TimeSpan Time)> Calls { get; }

    public long Total => Calls.Values.Sum(c => c.Count);

    /// <summary>Queue receives that returned no message.</summary>
    public long EmptyQueuePolls => Sum(k => k.Contains("queue GET receive", StringComparison.Ordinal) && IsEmpty(k));

    /// <summary>Table queries that returned no entity (a new instance's empty history, the sealer finding nothing new).</summary>
    public long EmptyTableQueries => Sum(k => k.Contains("table GET query", StringComparison.Ordinal) && IsEmpty(k));

    /// <summary>The history sealer's calls, empty reads included: part of every other figure here, and this is its share.</summary>
    public long Sealer => Sum(k => k.StartsWith(StorageCallCounter.SealerMark, StringComparison.Ordinal));

    /// <summary>Every call except queue receives that found nothing: the figure the targets are set on.</summary>
    public long ExcludingEmptyPolls => Total - EmptyQueuePolls;

    /// <summary>Only the calls that moved or read something: no empty receive, no empty query.</summary>
    public long ExcludingAllEmpty => Total - EmptyQueuePolls - EmptyTableQueries;

    public static StorageCalls Between(IReadOnlyDictionary<string, (long Count, TimeSpan Time)> before, IReadOnlyDictionary<string, (long Count, TimeSpan Time)> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var delta = new Dictionary<string, (long, TimeSpan)>(StringComparer.Ordinal);
        foreach (var (key, (count, time)) in after)
        {
            var (countBefore, timeBefore) = before.GetValueOrDefault(key);
            if (count > countBefore)
            {
                delta[key] = (count - countBefore, time - timeBefore);
            }
        }

        return new StorageCalls(delta);
    }

    /// <summary>One indented line per kind of call, most frequent first: count, count per <paramref name="unit"/>, mean duration.</summary>
    public void WriteBreakdown(TextWriter output, double units, string unit)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var (key, (count, time)) in Calls.OrderByDescending(c => c.Value.Count).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {key,-50} {count,9:N0}  {count / units,7:F3} per {unit}  {time.TotalMilliseconds / count,7:F1} ms each"));
        }
    }

    private static bool IsEmpty(string key) => key.Contains(StorageCallCounter.EmptyMark, StringComparison.Ordinal);

    private long Sum(Func<string, bool> which) => Calls.Where(c => which(c.Key)).Sum(c => c.Value.Count);
}
