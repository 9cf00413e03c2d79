using AnnualReview.Workflows.Commands;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rating;
using AnnualReview.Assessment.Rules;
using AnnualReview.Assessment.Shortcomings;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.Testing;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Deadlines;
using AnnualReview.Workflows.Rules;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Tests.Api.Reviews;

/// <summary>
/// Two cycles in a row on Azurite: what 2025 named is carried into 2026, and the A.III the members submit in 2026
/// gives the appraisal's figure, the points rating's share fixed and the per-unit report.
/// </summary>
[Collection("azurite")]
public sealed class RemedyResultsTests(AzuriteFixture azurite)
{
    private static readonly CycleInput LastYear = Cycle(2025), ThisYear = Cycle(2026);

    [Fact]
    public async Task ForManyAsync_MarksAgainstCarried_CountsEachMemberOrSaysFirstOrPending()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        World world = await World.CreateAsync(azurite, timeout);

        IReadOnlyDictionary<string, MemberRemedy> found = await world.Remedies.ForManyAsync(ThisYear, ["m1", "m2", "m3"], timeout);
        MemberRemedy first = (await world.Remedies.ForManyAsync(LastYear, ["m1"], timeout))["m1"];

        // m1: own A.II "Báo cáo chậm" fixed, "Ít phát biểu" partly, the committee's "Chưa gương mẫu" left unmarked.
        Assert.Equal(new MemberRemedy("m1", false, new RemedyTally(1, 1, 1)), found["m1"]);
        Assert.Equal(new MemberRemedy("m2", true, RemedyTally.None), found["m2"]);
        Assert.Equal(new MemberRemedy("m3", false, RemedyTally.None, Pending: true), found["m3"]);
        Assert.True(first.FirstCycle);
    }

    [Fact]
    public async Task WithFixedSharesAsync_TypedShareReplacedByA3_ExcellentOutOfReach()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        World world = await World.CreateAsync(azurite, timeout);
        RuleSet rules = CycleRules.For(ThisYear.RuleSetId).RuleSet;
        var typed = new PointsAssessment(new Dictionary<string, decimal> { ["general"] = 29, ["taskResults"] = 68 }, 1m, 0.5m, ShortcomingsFixedShare: 1m);
        var meeting = new MeetingRecorded(3, 3, [new MemberTally("m1", new Dictionary<RatingLevel, int>(), typed), new MemberTally("m2", new Dictionary<RatingLevel, int>(), typed)], "secretary");

        MeetingRecorded derived = await world.Remedies.WithFixedSharesAsync(ThisYear, rules.Scoring.Points, meeting, timeout);

        // (1 fixed + 0.5 × 1 partly) / 3 carried; m2 had nothing to carry, so nothing holds m2 back.
        Assert.Equal([0.5m, 1m], derived.Tallies.Select(t => t.Points!.ShortcomingsFixedShare));
        Assert.Equal(RatingLevel.Good, PointsRating.Evaluate(derived.Tallies[0].Points!, rules).Level);
        Assert.Equal(RatingLevel.Excellent, PointsRating.Evaluate(derived.Tallies[1].Points!, rules).Level);
    }

    [Fact]
    public async Task RemedyReport_PerCellAndWhole_OrFirstYearSaysNothingCarried()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        World world = await World.CreateAsync(azurite, timeout);
        Unit grassroots = (await world.Roster.GetUnitAsync("g1", timeout))!;

        RemedyReportView report = (await world.Report.ForAsync(ThisYear, grassroots, english: false, timeout))!;
        RemedyReportView first = (await world.Report.ForAsync(LastYear, grassroots, english: false, timeout))!;

        Assert.Equal(
            [("g1", 3, 1, 1, 1, 3, 1), ("c1", 2, 1, 1, 1, 3, 0), ("c2", 1, 0, 0, 0, 0, 1)],
            report.Units.Select(u => (u.UnitId, u.Members, u.Fixed, u.PartlyFixed, u.NotFixed, u.Total, u.Awaiting)));
        Assert.False(report.FirstCycle);
        Assert.Equal((true, RemedyReport.FirstCycleVi), (first.FirstCycle, first.Note));
        Assert.Empty(first.Units);
    }

    private static CycleInput Cycle(int year)
    {
        var plan = new StepPlan("SelfReview", new DateTime(year, 12, 15, 0, 0, 0, DateTimeKind.Utc), []);
        return new CycleInput($"cycle-{year}-remedy", year, "g1", "QD366-2025", "Asia/Ho_Chi_Minh", new CyclePlans(plan, plan, plan, plan));
    }

    private static SelfReviewVersion Version(CycleInput cycle, string memberId, string section, string text) => new(
        cycle.CycleId, memberId, 1, "02B", new Dictionary<string, string> { ["A.I"] = "Ưu điểm", [section] = text },
        RatingLevel.Good, [], memberId, new DateTime(cycle.Year, 12, 2, 0, 0, 0, DateTimeKind.Utc));

    /// <summary>
    /// g1 with cells c1 (m1, m2) and c2 (m4). In 2025 m1 named two shortcomings and the committee concluded a third;
    /// m4 named one; m2 was not reviewed. In 2026 m1 marks two of three and m4 has not submitted; m3 (c1 in 2025,
    /// moved away) is reviewed elsewhere.
    /// </summary>
    private sealed record World(RosterStore Roster, RemedyResults Remedies, RemedyReport Report)
    {
        public static async Task<World> CreateAsync(AzuriteFixture azurite, CancellationToken timeout)
        {
            var storage = new AssessmentStorage(new AssessmentStorageOptions { ConnectionString = azurite.ConnectionString, Prefix = AzuriteServer.NewTaskHubName("remedy") });
            await storage.EnsureCreatedAsync(timeout);
            var submissions = new SubmissionStore(storage);
            var readModels = new ReadModelStore(storage);
            var registry = new CycleRegistry(storage);
            var roster = new RosterStore(storage);
            await roster.WriteAsync(
                [new Unit("g1", "Chi bộ cơ sở 1", UnitKind.GrassrootsOrganization, null), new Unit("c1", "Chi bộ 1", UnitKind.Cell, "g1"), new Unit("c2", "Chi bộ 2", UnitKind.Cell, "g1")],
                [Member("m1", "c1"), Member("m2", "c1"), Member("m4", "c2")], null, timeout);
            await registry.AddAsync(LastYear, timeout);
            await registry.AddAsync(ThisYear, timeout);
            await submissions.AddVersionAsync(Version(LastYear, "m1", CarriedShortcomings.ShortcomingsSection, "- Báo cáo chậm\n- Ít phát biểu"), null, timeout);
            await submissions.AddVersionAsync(Version(LastYear, "m3", CarriedShortcomings.ShortcomingsSection, "- Đi họp muộn"), null, timeout);
            await submissions.AddVersionAsync(Version(LastYear, "m4", CarriedShortcomings.ShortcomingsSection, "Chưa học nghị quyết"), null, timeout);
            await readModels.WriteRatingAsync(new RatingRecord("m1", 2025, RatingLevel.Good, LastYear.CycleId) { Conclusion = "Chưa gương mẫu" }, timeout);
            await submissions.AddVersionAsync(Version(ThisYear, "m1", CarriedShortcomings.RemedySectionKey,
                RemedySection.Format([new ShortcomingFix("Báo cáo chậm", FixState.Fixed, "Nộp đúng hạn cả năm"), new ShortcomingFix("Ít phát biểu", FixState.PartlyFixed, "")])), null, timeout);
            await submissions.AddVersionAsync(Version(ThisYear, "m2", "A.III", "Không có"), null, timeout);
            var carried = new CarriedShortcomings(submissions, readModels, registry);
            var remedies = new RemedyResults(carried, submissions);
            return new World(roster, remedies, new RemedyReport(roster, carried, remedies));
        }

        private static Member Member(string id, string cellId) => new(id, "Đảng viên " + id, cellId, MembershipKind.Full, new DateOnly(2015, 1, 1));
    }
}
