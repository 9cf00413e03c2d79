using AnnualReview.Assessment.Shortcomings;

namespace AnnualReview.Assessment.Tests.Shortcomings;

public class ShortcomingListTests
{
    [Fact]
    public void Split_BulletsNumbersAndSemicolons_OneItemEach()
    {
        string a2 = "Hạn chế:\n- Chưa chủ động nghiên cứu nghị quyết\n• Tham gia sinh hoạt chưa đều\n1. Báo cáo còn chậm; 2) Ít phát biểu xây dựng.\r\n\r\n";

        IReadOnlyList<string> items = ShortcomingList.Split(a2);

        Assert.Equal(
            ["Chưa chủ động nghiên cứu nghị quyết", "Tham gia sinh hoạt chưa đều", "Báo cáo còn chậm", "Ít phát biểu xây dựng"],
            items);
    }

    [Fact]
    public void Split_NegativeNumberInsideText_KeptWhole()
    {
        IReadOnlyList<string> items = ShortcomingList.Split("Chỉ tiêu đạt 80%, còn thiếu 2 - 3 hồ sơ");

        Assert.Equal(["Chỉ tiêu đạt 80%, còn thiếu 2 - 3 hồ sơ"], items);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n - \n;")]
    public void Split_Blank_Nothing(string? a2) => Assert.Empty(ShortcomingList.Split(a2));
}
