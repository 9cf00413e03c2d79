using System.Net;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Shortcomings;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.Functions.Web;

namespace AnnualReview.Functions.Tests.Web;

public class RemedyPanelTests
{
    private static string Vi(string vi, string en) => vi;

    [Fact]
    public void Markup_OneRowPerUnitWithEachCount_NamesEncoded()
    {
        var report = new RemedyReportView("cycle-2026", "g1", false, null,
        [
            new UnitRemedyRow("g1", "Đảng bộ <phường>", UnitKind.GrassrootsOrganization, 3, 1, 1, 2, 4, 1),
            new UnitRemedyRow("c1", "Chi bộ 1", UnitKind.Cell, 2, 1, 1, 1, 3, 0) { Organizations = new(1, 0, 1) },
        ]);

        string html = RemedyPanel.Markup(Vi, report).Markup;

        Assert.Contains($"<tr data-unit=\"g1\"><td>{Html.Encode("Đảng bộ <phường>")}</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">2</td><td class=\"num\">4</td><td class=\"num\">1</td><td class=\"num\" data-own=\"0/0\">—</td></tr>", html, StringComparison.Ordinal);
        // The cell's own shortcomings (its collective report's), beside its members'.
        Assert.Contains("<td class=\"num\" data-own=\"1/2\">1 / 2</td></tr>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markup_FirstCycleOrTooLarge_SaysSoWithoutTable()
    {
        // Pages encode Latin-1 letters (ó, à…) as entities; read the text as a browser would.
        string first = WebUtility.HtmlDecode(RemedyPanel.Markup(Vi, new RemedyReportView("cycle-2025", "g1", true, RemedyReport.FirstCycleVi, [])).Markup);
        string large = RemedyPanel.Markup((vi, en) => en, null).Markup;

        Assert.Contains($"id=\"remedies-first\">{RemedyReport.FirstCycleVi}</p>", first, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", first, StringComparison.Ordinal);
        Assert.Contains("A large unit: look at the units below it.", large, StringComparison.Ordinal);
    }

    [Fact]
    public void Figure_FixedOfCarriedWithTheRestInTitle_NothingWhenNothingCarried()
    {
        string figure = WebUtility.HtmlDecode(RemedyFigure.Of(Vi, new RemedyTally(2, 0, 1)).Markup);

        Assert.EndsWith("title=\"Đã khắc phục 2, một phần 0, chưa 1\">Khắc phục 2/3</span>", figure, StringComparison.Ordinal);
        Assert.Equal(string.Empty, RemedyFigure.Of(Vi, RemedyTally.None).Markup);
        Assert.Equal(string.Empty, RemedyFigure.Of(Vi, null).Markup);
    }
}
