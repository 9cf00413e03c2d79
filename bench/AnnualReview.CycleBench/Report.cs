using System.Globalization;

namespace AnnualReview.CycleBench;

/// <summary>Turns the counted calls and the phases into the printed tables and the final JSON figures.</summary>
internal sealed class Report(int members, IReadOnlyDictionary<CallKey, (long Count, TimeSpan Time)> calls, IReadOnlyList<PhaseRecord> phases)
{
    private static readonly HashSet<string> NotCycle = new(["setup", "import"], StringComparer.Ordinal);

    private IEnumerable<KeyValuePair<CallKey, (long Count, TimeSpan Time)>> Cycle => calls.Where(c => !NotCycle.Contains(c.Key.Phase));

    public long Total => Cycle.Sum(c => c.Value.Count);

    public long EmptyPolls => Cycle.Where(c => CallCounter.IsEmptyPoll(c.Key.Kind)).Sum(c => c.Value.Count);

    public long Useful => Total - EmptyPolls;

    public double PerMember => members == 0 ? 0 : (double)Useful / members;

    public long ImportCalls => calls.Where(c => c.Key.Phase == "import").Sum(c => c.Value.Count);

    public Dictionary<string, long> ByKind() => Cycle.GroupBy(c => c.Key.Kind).OrderByDescending(g => g.Sum(c => c.Value.Count))
        .ToDictionary(g => g.Key, g => g.Sum(c => c.Value.Count), StringComparer.Ordinal);

    public Dictionary<string, long> BySource() => Cycle.Where(c => !CallCounter.IsEmptyPoll(c.Key.Kind)).GroupBy(c => c.Key.Source)
        .ToDictionary(g => g.Key, g => g.Sum(c => c.Value.Count), StringComparer.Ordinal);

    public Dictionary<string, long> ByPhase() => phases.ToDictionary(p => p.Name, p => UsefulIn(p.Name), StringComparer.Ordinal);

    /// <summary>Simulated hours left before each phase's deadline when the engine showed its work applied.</summary>
    public Dictionary<string, double> MarginHours() => phases.Where(p => p.Margin is not null)
        .ToDictionary(p => p.Name, p => Math.Round(p.Margin!.Value.TotalHours, 1), StringComparer.Ordinal);

    /// <summary>The latest a person acted after their planned moment, in simulated hours, by phase.</summary>
    public Dictionary<string, double> ActLagHours() => phases.Where(p => p.ActLag > TimeSpan.Zero)
        .ToDictionary(p => p.Name, p => Math.Round(p.ActLag.TotalHours, 2), StringComparer.Ordinal);

    /// <summary>Phases whose work the engine applied only after the moment that needed it.</summary>
    public List<string> Behind() => [.. phases.Where(p => p.Margin < TimeSpan.Zero).Select(p => p.Name)];

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("phase          simulated (Hồ Chí Minh City)     real s   calls*   per member   empty polls   azurite cpu   act lag h   margin h");
        foreach (PhaseRecord phase in phases.Where(p => p.Name != "setup"))
        {
            long empty = calls.Where(c => c.Key.Phase == phase.Name && CallCounter.IsEmptyPoll(c.Key.Kind)).Sum(c => c.Value.Count);
            string margin = phase.Margin is { } m ? Invariant($"{m.TotalHours:0.0}") : "-";
            output.WriteLine(Invariant($"{phase.Name,-14} {Phases.Show(phase.SimStart)} → {Phases.Show(phase.SimEnd)}   {phase.RealSeconds,7:0.0} {UsefulIn(phase.Name),8} {(double)UsefulIn(phase.Name) / members,12:0.00} {empty,13} {phase.AzuriteCpuSeconds / Math.Max(0.001, phase.RealSeconds) * 100,12:0}% {phase.ActLag.TotalHours,11:0.00} {margin,10}"));
        }

        output.WriteLine("  * calls excluding empty queue receives and empty table queries; the import is not part of the cycle's figures");
        output.WriteLine("  act lag: the latest a person acted after their planned moment; margin: simulated hours left before the phase's deadline when its work showed applied");
        output.WriteLine();
        output.WriteLine("kind of call (whole cycle)        calls   per member   mean ms");
        foreach (var group in Cycle.GroupBy(c => c.Key.Kind).OrderByDescending(g => g.Sum(c => c.Value.Count)))
        {
            long count = group.Sum(c => c.Value.Count);
            double ms = group.Sum(c => c.Value.Time.TotalMilliseconds) / Math.Max(1, count);
            output.WriteLine(Invariant($"{group.Key,-30} {count,9} {(double)count / members,12:0.00} {ms,9:0.0}"));
        }

        output.WriteLine();
        output.WriteLine("by source (excluding empty polls): " + string.Join(", ", BySource().OrderByDescending(s => s.Value).Select(s => Invariant($"{s.Key} {s.Value} ({(double)s.Value / members:0.00}/member)"))));
        output.WriteLine();
        output.WriteLine("busiest kind × table/queue/container    calls   per member   mean ms");
        foreach (var group in Cycle.GroupBy(c => (c.Key.Kind, c.Key.Resource)).OrderByDescending(g => g.Sum(c => c.Value.Count)).Take(18))
        {
            long count = group.Sum(c => c.Value.Count);
            double ms = group.Sum(c => c.Value.Time.TotalMilliseconds) / Math.Max(1, count);
            output.WriteLine(Invariant($"{group.Key.Kind + " " + group.Key.Resource,-38} {count,9} {(double)count / members,12:0.00} {ms,9:0.0}"));
        }
    }

    private long UsefulIn(string phase) => calls.Where(c => c.Key.Phase == phase && !CallCounter.IsEmptyPoll(c.Key.Kind)).Sum(c => c.Value.Count);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
