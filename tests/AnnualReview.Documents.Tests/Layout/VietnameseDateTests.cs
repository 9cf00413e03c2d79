using AnnualReview.Documents.Layout;

namespace AnnualReview.Documents.Tests.Layout;

public class VietnameseDateTests
{
    [Fact]
    public void Line_WritesDayAndMonthWithoutLeadingZeros()
        => Assert.Equal("Thành phố Hồ Chí Minh, ngày 5 tháng 12 năm 2026", VietnameseDate.Line("Thành phố Hồ Chí Minh", new DateOnly(2026, 12, 5)));

    [Fact]
    public void Line_WithoutPlace_StartsWithCapitalNgay()
        => Assert.Equal("Ngày 1 tháng 2 năm 2027", VietnameseDate.Line(" ", new DateOnly(2027, 2, 1)));
}
