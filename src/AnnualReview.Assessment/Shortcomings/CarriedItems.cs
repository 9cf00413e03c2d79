namespace AnnualReview.Assessment.Shortcomings;

/// <summary>
/// Puts together what the previous review named from its three places (the member's own A.II, the superior's
/// conclusions, a re-rating's findings) as one list for A.III, one shortcoming a line. The same shortcoming is
/// often named twice, by the member and again by the committee; it is carried once, under the first place named.
/// </summary>
public static class CarriedItems
{
    public static IReadOnlyList<Shortcoming> Merge(IEnumerable<(ShortcomingSource Source, string? Text)> named)
    {
        ArgumentNullException.ThrowIfNull(named);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<Shortcoming>();
        foreach ((ShortcomingSource source, string? text) in named)
        {
            foreach (string item in ShortcomingList.Split(text))
            {
                if (seen.Add(Key(item)))
                {
                    items.Add(new Shortcoming(RemedySection.OneLine(item), source));
                }
            }
        }

        return items;
    }

    // Spacing, case and a closing full stop do not make another shortcoming.
    internal static string Key(string item) => RemedySection.OneLine(item).TrimEnd('.', '!', ' ').ToLowerInvariant();
}
