using AnnualReview.Workflows.Commands;
using AnnualReview.Assessment.Shortcomings;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.Functions.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace AnnualReview.Functions.Tests.Web;

public class RemedyFieldsTests
{
    private static readonly CarriedShortcomingList Two = new("cycle-2025-city",
        [new Shortcoming("Báo cáo <chậm>", ShortcomingSource.SelfReview), new Shortcoming("Ít phát biểu", ShortcomingSource.SelfReview)]);

    private static string Vi(string vi, string en) => vi;

    [Fact]
    public void Fold_MarkedRowsBecomeLinesBeforeProse_UnmarkedCounted()
    {
        var posted = new FormCollection(new Dictionary<string, StringValues>
        {
            ["carried[0].text"] = "Báo cáo chậm", ["carried[0].state"] = "Fixed", ["carried[0].evidence"] = "Nộp đủ 12 kỳ",
            ["carried[1].text"] = "Ít phát biểu", ["carried[1].state"] = "", ["carried[1].evidence"] = "",
        });
        var values = new Dictionary<string, string> { [RemedyFields.Section] = "[Chưa khắc phục] cũ\nĐã cố gắng." };

        int unmarked = RemedyFields.Fold(posted, values);

        Assert.Equal(1, unmarked);
        Assert.Equal("[Đã khắc phục] Báo cáo chậm — Nộp đủ 12 kỳ\nĐã cố gắng.", values[RemedyFields.Section]);
        Assert.Equal("Fixed", values["carried[0].state"]);
    }

    [Fact]
    public void Fold_FirstCycle_WritesTheNothingCarriedLine()
    {
        var values = new Dictionary<string, string> { [RemedyFields.Section] = "" };

        Assert.Equal(0, RemedyFields.Fold(new FormCollection(new() { ["carried.none"] = "1" }), values));
        Assert.Equal(RemedySection.NothingCarriedVi, values[RemedyFields.Section]);
    }

    [Fact]
    public void Markup_StoredLinesPreselectAndTextIsEncoded()
    {
        var values = new Dictionary<string, string> { [RemedyFields.Section] = "[Khắc phục một phần] Ít phát biểu — 2 lần" };

        string html = RemedyFields.Markup(Vi, Two, values).Markup;

        Assert.Contains(Html.Encode("Báo cáo <chậm>"), html, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"PartlyFixed\" selected>{Html.Encode("Khắc phục một phần")}</option>", html, StringComparison.Ordinal);
        Assert.Contains($"name=\"carried[1].evidence\" value=\"{Html.Encode("2 lần")}\"", html, StringComparison.Ordinal);
        Assert.Single(html.Split(" selected>").Skip(1));
    }

    [Fact]
    public void Markup_FirstCycle_SaysNothingToCarry()
    {
        string html = RemedyFields.Markup(Vi, new CarriedShortcomingList(null, []), new Dictionary<string, string>()).Markup;

        Assert.Contains(Html.Encode(RemedySection.NothingCarriedVi), html, StringComparison.Ordinal);
        Assert.DoesNotContain("<select", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Tally_CountsFullyFixedOnly_EmptyWithoutMarkedLines()
    {
        var sections = new Dictionary<string, string> { ["A.III"] = "[Đã khắc phục] A\n[Khắc phục một phần] B\n[Đã khắc phục] C — x" };

        Assert.EndsWith(">Fixed: 2/3</span>", RemedyFields.Tally((vi, en) => en, sections).Markup, StringComparison.Ordinal);
        Assert.Equal(Raw.Empty, RemedyFields.Tally(Vi, new Dictionary<string, string> { ["A.III"] = RemedySection.NothingCarriedVi }));
    }
}
