using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Shortcomings;
using AnnualReview.Workflows.Activities;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Workflows.Tests.Activities;

public sealed class RemedySumsTests
{
    [Fact]
    public void Of_AddsEachCellsFiguresToEveryUnitAboveIt_AndLeavesUncountedUnitsEmpty()
    {
        List<ProgressRow> progress =
        [
            Row("board", UnitKind.OrganizationBoard, null),
            Row("q1", UnitKind.Committee, "board"),
            Row("g1", UnitKind.GrassrootsOrganization, "q1"),
            Row("c1", UnitKind.Cell, "g1") with { MembersRemedy = new RemedyTally(2, 1, 0), OwnRemedy = new RemedyTally(0, 0, 1) },
            Row("c2", UnitKind.Cell, "g1") with { MembersRemedy = new RemedyTally(1, 0, 1) },
            Row("g2", UnitKind.GrassrootsOrganization, "q1"),
            Row("c3", UnitKind.Cell, "g2"),
        ];

        RemedySums sums = RemedySums.Of(progress);

        Assert.Equal(new RemedyTally(3, 1, 1), sums.Members("board"));
        Assert.Equal(new RemedyTally(3, 1, 1), sums.Members("g1"));
        Assert.Equal(new RemedyTally(1, 0, 1), sums.Members("c2"));
        Assert.Equal(new RemedyTally(0, 0, 1), sums.Organizations("q1"));
        Assert.Null(sums.Organizations("c2"));
        Assert.Null(sums.Members("g2"));
        Assert.Null(sums.Members("c3"));
    }

    private static ProgressRow Row(string id, UnitKind kind, string? parent) => new("cycle-2026-hcm", id, id, kind, parent, "proposed");
}
