using AnnualReview.Assessment.Model;
using AnnualReview.Testing;

namespace AnnualReview.Documents.Tests;

public class SelfReviewDocumentTests
{
    [Fact]
    public void Write_PrintsTheMembersSectionsAndTicksTheSelfRating()
    {
        SelfReviewData data = Samples.SelfReview(level: RatingLevel.Good);
        DocxText text = DocumentChecks.Official(SelfReviewDocument.Write(data), "Chi bộ Khu phố 1", "Thành phố Hồ Chí Minh, ngày 5 tháng 12 năm 2026");

        Assert.Equal("Mẫu 02B", text.Paragraphs[0]);
        Assert.Contains("BẢN KIỂM ĐIỂM CÁ NHÂN", text.Paragraphs);
        Assert.Contains("Họ và tên: Nguyễn Thị Hồng", text.Paragraphs);
        Assert.Contains("III. Kết quả khắc phục hạn chế, khuyết điểm đã được chỉ ra ở kỳ kiểm điểm trước", text.Paragraphs);
        Assert.Contains("1. Chậm nộp báo cáo quý — Đã khắc phục — báo cáo đúng hạn 4/4 quý", text.Paragraphs);
        Assert.Contains("☒ Hoàn thành tốt nhiệm vụ", text.Paragraphs);
        Assert.Equal(3, text.Paragraphs.Count(p => p.StartsWith('☐')));
        Assert.Contains("Tổng điểm tự chấm: 87/100", text.Paragraphs);
        Assert.Contains("(Không có nội dung)", text.Paragraphs); // A.IV was left empty.
    }

    [Theory]
    [InlineData("02A")]
    [InlineData("02C")]
    public void Write_NamesTheFormOfTheMembersKind(string form)
        => Assert.Equal("Mẫu " + form, DocxText.Read(SelfReviewDocument.Write(Samples.SelfReview(form))).Paragraphs[0]);

    [Fact]
    public async Task Render_FitsOnTwoPagesAndALongReviewRunsOn()
    {
        await DocumentChecks.RendersAsync(SelfReviewDocument.Write(Samples.SelfReview()), "self-review-02B", pages: 2);
        Rendering longer = await DocumentChecks.RendersAsync(SelfReviewDocument.Write(Samples.SelfReview(paragraphs: 40)), "self-review-long", pages: 4);
        Assert.True(File.Exists(longer.Pdf));
    }
}
