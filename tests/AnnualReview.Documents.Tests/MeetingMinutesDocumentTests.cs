using AnnualReview.Testing;

namespace AnnualReview.Documents.Tests;

public class MeetingMinutesDocumentTests
{
    [Fact]
    public void Write_PrintsHeadCountsAndEveryTallyWithTheProposal()
    {
        DocxText text = DocumentChecks.Official(MeetingMinutesDocument.Write(Samples.Minutes()), "Chi bộ Khu phố 1", "ngày 5 tháng 12 năm 2026");

        Assert.Contains("Số 07-BB/CB", text.Tables[0][0][0], StringComparison.Ordinal);
        Assert.Contains("Số đảng viên chính thức được triệu tập: 9", text.Paragraphs);
        Assert.Contains("Số đảng viên chính thức có mặt: 8", text.Paragraphs);
        Assert.Contains("Thời gian: 09:00, ngày 5 tháng 12 năm 2026 (lúc ghi biên bản vào hệ thống).", text.Paragraphs);
        List<string[]> tallies = text.TableStartingWith("TT", "Họ và tên", "Tự xếp loại", "HTXSNV", "HTTNV", "HTNV", "KHTNV");
        Assert.Equal(["2", "Trần Văn Nam", "HTXSNV", "7", "1", "0", "0", "8", "HTXSNV"], tallies[2]);
        Assert.Equal(["3", "Lê Minh Tuấn", "HTNV", "0", "1", "7", "0", "8", "HTNV"], tallies[3]);
        Assert.Equal(4, tallies.Count);
    }

    [Fact]
    public async Task Render_FitsOnOnePage()
        => await DocumentChecks.RendersAsync(MeetingMinutesDocument.Write(Samples.Minutes()), "meeting-minutes", pages: 1);
}
