using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Recognition;

namespace AnnualReview.Assessment.Tests.Recognition;

public class ReRatingTests
{
    private static readonly Award Certificate2023 = Certificate("m1", 2023);
    private static readonly Award Certificate2024 = Certificate("m1", 2024);
    private static readonly Award FiveYears2021To2025 = new(AwardKind.FiveConsecutiveExcellent, "m1", 2025, 2021, "5 năm", "5 years", "BTV", "Standing committee");
    private static readonly Award FiveYears2016To2020 = new(AwardKind.FiveConsecutiveExcellent, "m1", 2020, 2016, "5 năm", "5 years", "BTV", "Standing committee");

    [Fact]
    public void Apply_ExcellentYearReRatedNotCompleted_RevokesThatYearAndEveryWindowOverIt()
    {
        Award[] granted = [Certificate2023, Certificate2024, FiveYears2021To2025, FiveYears2016To2020, Certificate("m2", 2023)];

        ReRatingResult result = ReRating.Apply("m1", 2023, RatingLevel.Excellent, RatingLevel.NotCompleted, "Kỷ luật khiển trách do vi phạm năm 2023", granted);

        Assert.Equal([Certificate2023, FiveYears2021To2025], result.ToRevoke);
        Assert.Equal(new CancelledRating("m1", 2023, RatingLevel.Excellent, "Kỷ luật khiển trách do vi phạm năm 2023"), result.Cancelled);
        Assert.Equal(RatingLevel.NotCompleted, result.NewLevel);
    }

    [Fact]
    public void Apply_ExcellentToGood_RevokesToo()
    {
        ReRatingResult result = ReRating.Apply("m1", 2024, RatingLevel.Excellent, RatingLevel.Good, "Vượt tỷ lệ", [Certificate2024, FiveYears2021To2025]);

        Assert.Equal([Certificate2024, FiveYears2021To2025], result.ToRevoke);
    }

    [Fact]
    public void Apply_StillExcellent_RevokesNothing()
    {
        ReRatingResult result = ReRating.Apply("m1", 2023, RatingLevel.Excellent, RatingLevel.Excellent, "Sai quy trình, xếp loại lại", [Certificate2023, FiveYears2021To2025]);

        Assert.Empty(result.ToRevoke);
    }

    [Fact]
    public void Apply_WithoutReason_Throws()
    {
        Assert.Throws<ArgumentException>(() => ReRating.Apply("m1", 2023, RatingLevel.Excellent, RatingLevel.Good, " ", [Certificate2023]));
    }

    private static Award Certificate(string memberId, int year) =>
        new(AwardKind.YearCertificate, memberId, year, year, "Giấy khen", "Certificate", "Đảng ủy", "Grassroots committee");
}
