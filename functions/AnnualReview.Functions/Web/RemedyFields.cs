using AnnualReview.Workflows.Commands;
using System.Globalization;
using AnnualReview.Assessment.Shortcomings;
using AnnualReview.Functions.Api.Reviews;
using Microsoft.AspNetCore.Http;

namespace AnnualReview.Functions.Web;

/// <summary>
/// Section A.III of the self-review page: one row per shortcoming carried from last year, with how far it is fixed
/// and a word of evidence. The rows are folded into the section's text on post (<see cref="RemedySection"/>), so
/// the stored version and the API see one text as before; the raw fields are kept too, so a draft or a refused
/// post shows the rows as the member left them, even unmarked ones.
/// </summary>
internal static class RemedyFields
{
    public const string Section = "sections.A.III";

    public static Raw Render(WebRequest r, CarriedShortcomingList carried, IReadOnlyDictionary<string, string> values)
        => Markup(r.T, carried, values);

    /// <summary>The rows' markup; <paramref name="t"/> picks Vietnamese or English.</summary>
    internal static Raw Markup(Func<string, string, string> t, CarriedShortcomingList carried, IReadOnlyDictionary<string, string> values)
    {
        if (carried.FirstCycle)
        {
            return Html.Of($"<p class=\"carried-none\">{t(RemedySection.NothingCarriedVi, "No review last time: no shortcomings to fix.")}</p><input type=\"hidden\" name=\"carried.none\" value=\"1\">");
        }

        IReadOnlyList<ShortcomingFix> marked = RemedySection.Parse(values.GetValueOrDefault(Section));
        var html = new Html().Add($"<ol class=\"carried\">");
        for (int i = 0; i < carried.Items.Count; i++)
        {
            string text = carried.Items[i].Text;
            ShortcomingFix? earlier = marked.FirstOrDefault(f => f.Shortcoming == RemedySection.OneLine(text));
            string state = values.GetValueOrDefault(Key(i, "state")) ?? earlier?.State.ToString() ?? "";
            string evidence = values.GetValueOrDefault(Key(i, "evidence")) ?? earlier?.Evidence ?? "";
            html.Add($"<li><input type=\"hidden\" name=\"{Key(i, "text")}\" value=\"{text}\"><span id=\"carried-{i}\">{text}</span> ");
            html.Add($"<select name=\"{Key(i, "state")}\" aria-labelledby=\"carried-{i}\"><option value=\"\">{t("— Chọn —", "— Choose —")}</option>");
            foreach (FixState s in Enum.GetValues<FixState>())
            {
                html.Add(s.ToString() == state
                    ? Html.Of($"<option value=\"{s}\" selected>{t(RemedySection.Label(s), RemedySection.LabelEn(s))}</option>")
                    : Html.Of($"<option value=\"{s}\">{t(RemedySection.Label(s), RemedySection.LabelEn(s))}</option>"));
            }

            html.Add($"</select> <input name=\"{Key(i, "evidence")}\" value=\"{evidence}\" placeholder=\"{t("Minh chứng", "Evidence")}\" aria-label=\"{t("Minh chứng", "Evidence")}\"></li>");
        }

        return html.Add($"</ol>").ToRaw();
    }

    /// <summary>
    /// Folds the posted rows into <see cref="Section"/> (marked lines first, then the member's prose) and keeps the
    /// raw fields in <paramref name="values"/>. Returns how many rows are left unmarked; unmarked rows are left out
    /// of the text, since a line there always says how far a shortcoming is fixed.
    /// </summary>
    public static int Fold(IFormCollection posted, Dictionary<string, string> values)
    {
        string prose = RemedySection.Prose(values.GetValueOrDefault(Section));
        if (posted.ContainsKey("carried.none"))
        {
            values[Section] = (RemedySection.NothingCarriedVi + "\n" + prose).Trim();
            return 0;
        }

        var fixes = new List<ShortcomingFix>();
        int unmarked = 0;
        for (int i = 0; posted.ContainsKey(Key(i, "text")); i++)
        {
            foreach (string part in (string[])["text", "state", "evidence"])
            {
                values[Key(i, part)] = posted[Key(i, part)].ToString();
            }

            if (Enum.TryParse(posted[Key(i, "state")].ToString(), out FixState state) && Enum.IsDefined(state))
            {
                fixes.Add(new ShortcomingFix(posted[Key(i, "text")].ToString(), state, posted[Key(i, "evidence")].ToString()));
            }
            else
            {
                unmarked++;
            }
        }

        values[Section] = (RemedySection.Format(fixes) + "\n" + prose).Trim();
        return unmarked;
    }

    /// <summary>
    /// "Khắc phục: 2/3" beside a member's self-rating at the meeting, read back from the submitted A.III; empty
    /// when the section has no marked lines (nothing carried, or written before shortcomings were carried).
    /// </summary>
    public static Raw Tally(WebRequest r, IReadOnlyDictionary<string, string> sections) => Tally(r.T, sections);

    internal static Raw Tally(Func<string, string, string> t, IReadOnlyDictionary<string, string> sections)
    {
        IReadOnlyList<ShortcomingFix> fixes = RemedySection.Parse(sections.GetValueOrDefault(Section["sections.".Length..]));
        if (fixes.Count == 0)
        {
            return Raw.Empty;
        }

        (int done, int total) = FixedShare.Count(fixes);
        return Html.Of($" <span class=\"muted carried-tally\" title=\"{string.Join("\n", fixes.Select(RemedySection.Line))}\">{t("Khắc phục", "Fixed")}: {done}/{total}</span>");
    }

    private static string Key(int i, string part) => string.Create(CultureInfo.InvariantCulture, $"carried[{i}].{part}");
}
