using System.Text.RegularExpressions;

namespace AnnualReview.Assessment.Shortcomings;

/// <summary>
/// The text of section A.III (kết quả khắc phục) as stored: one line per carried shortcoming,
/// "[Đã khắc phục] text — evidence". Keeping the marks inside the section text lets the stored version, the
/// API and the printed form stay as they are, while the meeting, the appraisal and the points rating read
/// the marks back. Lines not in this format (the member's own prose) are kept and skipped when reading.
/// </summary>
public static partial class RemedySection
{
    /// <summary>Written when the previous cycle has no review of the member to carry from.</summary>
    public const string NothingCarriedVi = "Kỳ trước chưa có bản kiểm điểm: không có hạn chế cần khắc phục.";

    private const string Dash = " — ";

    public static string Label(FixState state) => state switch
    {
        FixState.Fixed => "Đã khắc phục",
        FixState.PartlyFixed => "Khắc phục một phần",
        _ => "Chưa khắc phục",
    };

    public static string LabelEn(FixState state) => state switch
    {
        FixState.Fixed => "Fixed",
        FixState.PartlyFixed => "Partly fixed",
        _ => "Not fixed",
    };

    public static string Line(ShortcomingFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);

        // The dash separates the shortcoming from the evidence, so it cannot appear inside either part.
        string text = OneLine(fix.Shortcoming);
        string evidence = OneLine(fix.Evidence);
        return evidence.Length == 0 ? $"[{Label(fix.State)}] {text}" : $"[{Label(fix.State)}] {text}{Dash}{evidence}";
    }

    public static string Format(IEnumerable<ShortcomingFix> fixes) => string.Join("\n", fixes.Select(Line));

    public static IReadOnlyList<ShortcomingFix> Parse(string? sectionText)
    {
        var fixes = new List<ShortcomingFix>();
        foreach (string line in (sectionText ?? string.Empty).Split('\n'))
        {
            Match m = Marked().Match(line.Trim());
            if (!m.Success)
            {
                continue;
            }

            FixState state = Enum.GetValues<FixState>().First(s => Label(s) == m.Groups["state"].Value);
            string rest = m.Groups["rest"].Value;
            int dash = rest.IndexOf(Dash, StringComparison.Ordinal);
            fixes.Add(dash < 0
                ? new ShortcomingFix(rest.Trim(), state, string.Empty)
                : new ShortcomingFix(rest[..dash].Trim(), state, rest[(dash + Dash.Length)..].Trim()));
        }

        return fixes;
    }

    /// <summary>The member's own prose in the section: every line but the marked ones and the nothing-carried line.</summary>
    public static string Prose(string? sectionText)
        => string.Join("\n", (sectionText ?? string.Empty).Split('\n')
            .Where(l => !Marked().IsMatch(l.Trim()) && l.Trim() != NothingCarriedVi)).Trim();

    /// <summary>A shortcoming or evidence as it is written on its line: one line, without the separating dash.</summary>
    public static string OneLine(string value)
        => string.Join(' ', value.Replace(Dash.Trim(), "-", StringComparison.Ordinal).Split((char[])['\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"^\[(?<state>Đã khắc phục|Khắc phục một phần|Chưa khắc phục)\]\s*(?<rest>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Marked();
}
