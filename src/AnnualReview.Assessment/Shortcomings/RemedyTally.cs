namespace AnnualReview.Assessment.Shortcomings;

/// <summary>
/// How many of the shortcomings carried to a member (or a unit's members) were fixed, partly fixed or not: the
/// figure beside the proposed level, the points rating's share, and the boards' per-unit count.
/// </summary>
public sealed record RemedyTally(int Fixed, int PartlyFixed, int NotFixed)
{
    public static RemedyTally None { get; } = new(0, 0, 0);

    public int Total => Fixed + PartlyFixed + NotFixed;

    /// <summary>
    /// Checks each carried shortcoming against the marks of the submitted A.III. The carried list is the
    /// denominator: a shortcoming the member left unmarked (or dropped from the section) counts as not fixed, and a
    /// marked line that names nothing carried counts for nothing.
    /// </summary>
    public static RemedyTally Of(IReadOnlyCollection<Shortcoming> carried, IReadOnlyCollection<ShortcomingFix> marked)
    {
        ArgumentNullException.ThrowIfNull(carried);
        ArgumentNullException.ThrowIfNull(marked);
        var states = new Dictionary<string, FixState>(StringComparer.Ordinal);
        foreach (ShortcomingFix fix in marked)
        {
            states.TryAdd(CarriedItems.Key(fix.Shortcoming), fix.State);
        }

        int done = 0, partly = 0, not = 0;
        foreach (Shortcoming item in carried)
        {
            switch (states.GetValueOrDefault(CarriedItems.Key(item.Text), FixState.NotFixed))
            {
                case FixState.Fixed: done++; break;
                case FixState.PartlyFixed: partly++; break;
                default: not++; break;
            }
        }

        return new RemedyTally(done, partly, not);
    }

    /// <summary>0 to 1, a partly fixed one counting with the rule set's weight; 1 when nothing was carried (see <see cref="FixedShare"/>).</summary>
    public decimal Share(decimal partlyFixedWeight)
        => FixedShare.Of([.. Enumerable.Repeat(FixState.Fixed, Fixed).Concat(Enumerable.Repeat(FixState.PartlyFixed, PartlyFixed)).Concat(Enumerable.Repeat(FixState.NotFixed, NotFixed))
            .Select(s => new ShortcomingFix(string.Empty, s, string.Empty))], partlyFixedWeight);

    public static RemedyTally operator +(RemedyTally a, RemedyTally b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new RemedyTally(a.Fixed + b.Fixed, a.PartlyFixed + b.PartlyFixed, a.NotFixed + b.NotFixed);
    }
}
