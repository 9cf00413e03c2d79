using AnnualReview.Assessment.Shortcomings;

namespace AnnualReview.Assessment.Tests.Shortcomings;

public class RemedySectionTests
{
    [Fact]
    public void FormatThenParse_RoundTripsEveryState()
    {
        ShortcomingFix[] fixes =
        [
            new("Báo cáo còn chậm", FixState.Fixed, "Nộp đúng hạn 12/12 báo cáo"),
            new("Ít phát biểu", FixState.PartlyFixed, string.Empty),
            new("Chưa học nghị quyết", FixState.NotFixed, "Đăng ký học quý I"),
        ];

        string text = RemedySection.Format(fixes);

        Assert.Equal("[Đã khắc phục] Báo cáo còn chậm — Nộp đúng hạn 12/12 báo cáo", text.Split('\n')[0]);
        Assert.Equal(fixes, RemedySection.Parse(text));
    }

    [Fact]
    public void Line_DashAndNewlineInEvidence_DoNotBreakTheLine()
    {
        string line = RemedySection.Line(new ShortcomingFix("A — B", FixState.Fixed, "có\nbiên bản — số 3"));

        Assert.Equal("[Đã khắc phục] A - B — có biên bản - số 3", line);
        ShortcomingFix back = Assert.Single(RemedySection.Parse(line));
        Assert.Equal(("A - B", "có biên bản - số 3"), (back.Shortcoming, back.Evidence));
    }

    [Fact]
    public void Parse_MemberProseAndNothingCarriedLine_Skipped()
    {
        string text = RemedySection.NothingCarriedVi + "\nTôi đã cố gắng.\n[Chưa khắc phục] Đi họp muộn";

        ShortcomingFix only = Assert.Single(RemedySection.Parse(text));
        Assert.Equal(new ShortcomingFix("Đi họp muộn", FixState.NotFixed, string.Empty), only);
        Assert.Equal("Tôi đã cố gắng.", RemedySection.Prose(text));
    }
}
