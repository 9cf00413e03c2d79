using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Workflows.Tests.Contracts;

public sealed class CycleInstanceIdsTests
{
    [Theory]
    [InlineData("cycle-2026-hcm~q1-g1-c1", "q1-g1-c1")]
    [InlineData("cycle-2026-hcm", null)]
    [InlineData("rerate~m01~2025~QD-12", null)]
    [InlineData("~q1", null)]
    [InlineData("cycle-2026-hcm~", null)]
    public void UnitOf_NamesTheUnitOfAUnitsReviewOnly(string instanceId, string? unit)
        => Assert.Equal(unit, CycleInstanceIds.UnitOf(instanceId));

    [Fact]
    public void UnitOf_ReadsBackWhatUnitWrote()
        => Assert.Equal("u-c01-g001-cell01", CycleInstanceIds.UnitOf(CycleInstanceIds.Unit("cycle-2026-root", "u-c01-g001-cell01")));
}
