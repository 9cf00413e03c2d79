using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Assessment.Tests.Rules;

public class RuleSetFormsTests
{
    private static readonly Member Staff = new("m1", "Nguyễn Văn A", "c1", MembershipKind.Full, new DateOnly(2010, 5, 19));

    [Theory]
    [InlineData("QD366-2025", null, false, "02B")]
    [InlineData("QD366-2025", "Trưởng phòng", false, "02A")]
    [InlineData("QD366-2025", "Chủ tịch danh dự", true, "02C")]
    [InlineData("QD124-2023", null, false, "2B")]
    [InlineData("QD124-2023", "Trưởng phòng", false, "2A")]
    [InlineData("QD124-2023", null, true, "2C")]
    public void FormFor_Member_PicksFormByPostAndWorkplace(string id, string? post, bool outside, string expected)
    {
        Member member = Staff with { LeadershipPost = post, OutsidePoliticalSystem = outside };

        Assert.Equal(expected, RuleSetLoader.Load(id).FormFor(member).Code);
    }

    [Fact]
    public void FormFor_QD366_IndividualFormHasSectionsOfFourtyThreeHD()
    {
        FormDefinition form = RuleSetLoader.Load("QD366-2025").FormFor(Staff);

        FormSection[] sections = form.Parts.SelectMany(p => p.Sections).ToArray();
        Assert.Equal(["A.I", "A.II", "A.III", "A.IV", "A.V", "A.VI", "B.I", "B.II"], sections.Select(s => s.Code));
        Assert.Equal(["A.IV", "A.V"], sections.Where(s => s.Optional).Select(s => s.Code));
        Assert.Equal("Ưu điểm, kết quả đạt được", sections[0].TitleVi);
        Assert.True(form.PartsConfirmed);
    }

    [Fact]
    public void Forms_AssumedSectionLists_AreFlaggedUnconfirmed()
    {
        RuleSet qd366 = RuleSetLoader.Load("QD366-2025");
        RuleSet qd124 = RuleSetLoader.Load("QD124-2023");

        Assert.False(qd366.FormFor(Staff with { OutsidePoliticalSystem = true }).PartsConfirmed);
        Assert.All(qd124.Forms, f => Assert.False(f.PartsConfirmed));
        Assert.Equal("01", qd366.CollectiveForm.Code);
    }
}
