using AnnualReview.Assessment.Model;
using AnnualReview.Testing;

namespace AnnualReview.Documents.Tests;

public class DecisionListDocumentTests
{
    private static DecisionListData Data(int members = 3) => new(Samples.OrganizationHeading, 2026, "Đảng bộ Phường Bến Thành", true,
        [.. Enumerable.Range(0, members).Select(i => i switch
        {
            0 => new DecidedMember("Trần Văn Nam", "Chi bộ Khu phố 1", RatingLevel.Excellent, RatingLevel.Excellent, RatingLevel.Good, "Vượt tỷ lệ 20% HTXSNV của nhóm"),
            1 => new DecidedMember("Nguyễn Thị Hồng", "Chi bộ Khu phố 1", RatingLevel.Good, RatingLevel.Good, RatingLevel.Good, null),
            _ => new DecidedMember($"Đảng viên {i}", "Chi bộ Khu phố 2", RatingLevel.Completed, RatingLevel.Completed, null, null),
        })],
        "Võ Thanh Sơn");

    [Fact]
    public void Write_ListsEachMembersLevelsAndTheReasonForAChange()
    {
        DocxText text = DocumentChecks.Official(DecisionListDocument.Write(Data()), "Đảng bộ Phường Bến Thành", "ngày 20 tháng 12 năm 2026");
        List<string[]> rows = text.TableStartingWith("TT", "Họ và tên", "Chi bộ", "Tự xếp loại", "Chi bộ đề xuất", "Quyết định");
        Assert.Equal(["1", "Trần Văn Nam", "Chi bộ Khu phố 1", "HTXSNV", "HTXSNV", "HTTNV", "Vượt tỷ lệ 20% HTXSNV của nhóm"], rows[1]);
        Assert.Equal("—", rows[3][5]);
        Assert.Contains("- Hoàn thành tốt nhiệm vụ: 2 đồng chí (66,7%).", text.Paragraphs);
        Assert.Contains("- Chưa có quyết định: 1 đồng chí.", text.Paragraphs);
    }

    [Fact]
    public async Task Render_ALongListRunsOnWithItsHeaderRepeated()
        => await DocumentChecks.RendersAsync(DecisionListDocument.Write(Data(members: 40)), "decision-list", pages: 3);
}
