using AnnualReview.Assessment.Shortcomings;

namespace AnnualReview.Functions.Web;

/// <summary>
/// "Khắc phục 2/3" beside a proposed level: of the shortcomings carried to the member, how many they fixed. The
/// title spells out the partly and not fixed ones, which the short figure leaves out.
/// </summary>
internal static class RemedyFigure
{
    public static Raw Of(Func<string, string, string> t, RemedyTally? tally)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (tally is null || tally.Total == 0)
        {
            return Raw.Empty;
        }

        string title = $"{t("Đã khắc phục", "Fixed")} {tally.Fixed}, {t("một phần", "partly")} {tally.PartlyFixed}, {t("chưa", "not")} {tally.NotFixed}";
        return Html.Of($" <span class=\"muted remedy-figure\" title=\"{title}\">{t("Khắc phục", "Fixed")} {tally.Fixed}/{tally.Total}</span>");
    }
}
