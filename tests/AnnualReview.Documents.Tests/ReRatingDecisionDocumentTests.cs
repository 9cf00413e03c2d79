using AnnualReview.Assessment.Model;
using AnnualReview.Testing;

namespace AnnualReview.Documents.Tests;

public class ReRatingDecisionDocumentTests
{
    private static ReRatingDecisionData Data() => new(Samples.OrganizationHeading, "Trần Văn Nam", "Chi bộ Khu phố 1", 2025,
        RatingLevel.Excellent, RatingLevel.NotCompleted, "Bị kỷ luật khiển trách năm 2026 vì vi phạm trong năm 2025", "Số 12-QĐ/ĐU", ["year-certificate"], "Võ Thanh Sơn");

    [Fact]
    public void Write_CancelsTheOldLevelGivesTheNewOneAndRevokesAwards()
    {
        DocxText text = DocumentChecks.Official(ReRatingDecisionDocument.Write(Data()), "Đảng bộ Phường Bến Thành", "ngày 20 tháng 12 năm 2026");
        Assert.Equal("Mẫu 03", text.Paragraphs[0]);
        Assert.Contains("Số 12-QĐ/ĐU", text.Tables[0][0][0], StringComparison.Ordinal);
        Assert.Contains("Điều 1. Hủy kết quả xếp loại chất lượng năm 2025 của đồng chí Trần Văn Nam, đảng viên Chi bộ Khu phố 1: Hoàn thành xuất sắc nhiệm vụ.", text.Paragraphs);
        Assert.Contains("Điều 2. Xếp loại lại chất lượng năm 2025 của đồng chí Trần Văn Nam: Không hoàn thành nhiệm vụ.", text.Paragraphs);
        Assert.Contains("Điều 3. Thu hồi các hình thức khen thưởng dựa trên kết quả cũ: Giấy khen đảng viên hoàn thành xuất sắc nhiệm vụ trong năm.", text.Paragraphs);
        Assert.Contains("Xét lý do: Bị kỷ luật khiển trách năm 2026 vì vi phạm trong năm 2025", text.Paragraphs);
    }

    [Fact]
    public async Task Render_FitsOnOnePage()
        => await DocumentChecks.RendersAsync(ReRatingDecisionDocument.Write(Data()), "re-rating-03", pages: 1);
}
