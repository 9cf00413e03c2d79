using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rating;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Assessment.Tests.Rating;

public class QuotaGroupTests
{
    private static readonly Member Staff = new("m1", "A", "c1", MembershipKind.Full, new DateOnly(2010, 1, 1));

    [Theory]
    [InlineData(null, false, "gro1:no-leadership-post")]
    [InlineData("Phó giám đốc", false, "gro1:leadership")]
    [InlineData(null, true, "gro1:outside-political-system")]
    public void KeyFor_QD366_GroupsBySimilarPosition(string? post, bool outside, string expected)
    {
        Member member = Staff with { LeadershipPost = post, OutsidePoliticalSystem = outside };

        Assert.Equal(expected, QuotaGroup.KeyFor(member, "gro1", RuleSetLoader.Load("QD366-2025")));
    }

    [Fact]
    public void KeyFor_QD124_OneGroupPerGrassrootsOrganization()
    {
        RuleSet rules = RuleSetLoader.Load("QD124-2023");

        Assert.Equal("gro1", QuotaGroup.KeyFor(Staff with { LeadershipPost = "Bí thư" }, "gro1", rules));
        Assert.Equal("gro1", QuotaGroup.KeyFor(Staff, "gro1", rules));
    }
}
