using System.Text.RegularExpressions;

namespace AnnualReview.Assessment.Shortcomings;

/// <summary>
/// Splits the free text of a section A.II (hạn chế, khuyết điểm) into one shortcoming each, so each can be
/// carried and marked on its own. Members write these as lines, bullets or numbered items, or run them
/// together with semicolons; all of these separate items.
/// </summary>
public static partial class ShortcomingList
{
    public static IReadOnlyList<string> Split(string? sectionText)
    {
        if (string.IsNullOrWhiteSpace(sectionText))
        {
            return [];
        }

        var items = new List<string>();
        foreach (string line in sectionText.Split(['\n', '\r', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            string item = Marker().Replace(line, string.Empty).Trim().TrimEnd('.').Trim();

            // A lead-in such as "Hạn chế:" names the list rather than a shortcoming in it.
            if (item.Length > 0 && !item.EndsWith(':'))
            {
                items.Add(item);
            }
        }

        return items;
    }

    // A bullet (-, •, *, +, –) or a number such as "1." or "2)" at the start of an item.
    [GeneratedRegex(@"^\s*(?:[-•*+–]|\d{1,3}[.)])\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}
