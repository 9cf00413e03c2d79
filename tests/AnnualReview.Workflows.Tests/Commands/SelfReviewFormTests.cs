using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;
using AnnualReview.Workflows.Commands;

namespace AnnualReview.Workflows.Tests.Commands;

public sealed class SelfReviewFormTests
{
    private static readonly RuleSet Rules = RuleSetLoader.Load("QD366-2025");
    private static readonly Member Plain = new("m1", "Lê Thị Hoa", "c1", MembershipKind.Full, new DateOnly(2010, 1, 1));

    [Fact]
    public void Validate_LeaderUsingFormForOthers_IsRefusedNamingTheRightForm()
    {
        Member leader = Plain with { LeadershipPost = "Phó Chủ tịch UBND phường" };

        var errors = SelfReviewForm.Validate(Rules, leader, "02B", new Dictionary<string, string>());

        var error = Assert.Single(errors);
        Assert.Equal("WrongForm", error.Code);
        Assert.Contains("02A", error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingRequiredAndUnknownSections_ListsEachByField()
    {
        var errors = SelfReviewForm.Validate(Rules, Plain, "02B", new Dictionary<string, string> { ["A.I"] = "Kết quả", ["Z.9"] = "?" });

        Assert.Contains(errors, e => e.Code == "UnknownSection" && e.Field == "sections.Z.9");
        Assert.Equal(["sections.A.II", "sections.A.III", "sections.A.VI"], errors.Where(e => e.Code == "MissingSection").Select(e => e.Field));
    }

    [Fact]
    public void Validate_RequiredSectionsWrittenOptionalOnesLeftOut_IsAccepted()
    {
        var sections = new Dictionary<string, string> { ["A.I"] = "a", ["A.II"] = "b", ["A.III"] = "c", ["A.VI"] = "d" };

        Assert.Empty(SelfReviewForm.Validate(Rules, Plain, "02B", sections));
    }
}
