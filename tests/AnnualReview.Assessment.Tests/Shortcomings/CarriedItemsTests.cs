using AnnualReview.Assessment.Shortcomings;

namespace AnnualReview.Assessment.Tests.Shortcomings;

public class CarriedItemsTests
{
    [Fact]
    public void Merge_SameShortcomingFromMemberAndCommittee_CarriedOnceUnderTheMember()
    {
        IReadOnlyList<Shortcoming> items = CarriedItems.Merge(
        [
            (ShortcomingSource.SelfReview, "- Báo cáo còn chậm\n- Ít phát biểu"),
            (ShortcomingSource.SuperiorConclusion, "báo cáo  còn chậm.; Chưa gương mẫu trong học tập nghị quyết"),
            (ShortcomingSource.ReRating, "Kê khai tài sản chưa trung thực"),
            (ShortcomingSource.ReRating, null),
        ]);

        Assert.Equal(
            [
                new Shortcoming("Báo cáo còn chậm", ShortcomingSource.SelfReview),
                new Shortcoming("Ít phát biểu", ShortcomingSource.SelfReview),
                new Shortcoming("Chưa gương mẫu trong học tập nghị quyết", ShortcomingSource.SuperiorConclusion),
                new Shortcoming("Kê khai tài sản chưa trung thực", ShortcomingSource.ReRating),
            ],
            items);
    }

    [Fact]
    public void Merge_MultiLineConclusion_EachItemOnOneLine()
    {
        IReadOnlyList<Shortcoming> items = CarriedItems.Merge([(ShortcomingSource.SuperiorConclusion, "Chưa   đi họp\tđúng giờ")]);

        Assert.Equal("Chưa đi họp đúng giờ", Assert.Single(items).Text);
    }
}
