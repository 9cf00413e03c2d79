using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Assessment.Tests.Rules;

public class RuleSetLoaderTests
{
    [Fact]
    public void AvailableIds_ShippedFiles_ListsBoth()
    {
        Assert.Equal(["QD124-2023", "QD366-2025"], RuleSetLoader.AvailableIds);
    }

    [Fact]
    public void Load_QD366_ReadsPointsScaleWithBands()
    {
        RuleSet rules = RuleSetLoader.Load("QD366-2025");

        Assert.Equal(2025, rules.EffectiveFromYear.Value);
        PointsScale points = Assert.IsType<PointsScale>(rules.Scoring.Points);
        Assert.Equal(100, points.MaxPoints.Value);
        Assert.Equal([30, 70], points.CriteriaGroups.Select(g => g.MaxPoints.Value));
        Assert.Equal(3, points.CriteriaGroups[0].SubCriteria.Count);
        Assert.Equal([90m, 70m, 50m, 0m], points.Bands.Select(b => b.MinPoints.Value));
        LevelBand excellent = points.Bands[0];
        Assert.Contains(excellent.Requirements, r => r.Metric == ScoringMetric.TasksOnTimeShare && r.Min == 1m);
        Assert.Contains(excellent.Requirements, r => r.Metric == ScoringMetric.TasksExceedingShare && r.Min == 0.3m);
        Assert.Contains(excellent.Requirements, r => r.Metric == ScoringMetric.ShortcomingsFixedShare && r.Min == 1m);
        Assert.Contains(points.Bands[2].Requirements, r => r.Metric == ScoringMetric.TasksBehindScheduleShare && r.Max == 0.2m);
    }

    [Fact]
    public void Load_QD366_ReadsQuotaVotesAndEligibility()
    {
        RuleSet rules = RuleSetLoader.Load("QD366-2025");

        Assert.Equal(0.2m, rules.Quota.MaxExcellentShareOfGood.Value);
        Assert.Equal(0.25m, rules.Quota.OutstandingUnitMaxShare!.Value);
        Assert.Equal(QuotaScope.PositionGroup, rules.Quota.Scope.Value);
        Assert.Equal(VoteBasis.FullMembersConvened, rules.Votes.Basis.Value);
        Assert.Equal((2, 3, true), (rules.Votes.Excellent.Numerator, rules.Votes.Excellent.Denominator, rules.Votes.Excellent.Inclusive));
        Assert.Equal((1, 2, false), (rules.Votes.Good.Numerator, rules.Votes.Good.Denominator, rules.Votes.Good.Inclusive));
        Assert.Equal(6, rules.Eligibility.NotRated.Single(r => r.Condition == NotRatedCondition.AdmittedRecently).Months);
        Assert.All(rules.Eligibility.Leave, l => Assert.Equal(LeaveTreatment.RatedOnWorkedTime, l.Treatment));
        Assert.Contains(rules.NotCompletedTriggers, t => t.Code == "Degradation");
        Assert.Equal(5, rules.Recognition.ConsecutiveExcellent.Years);
        Assert.Equal(2, rules.Recognition.ConsecutiveNotCompleted.Years);
    }

    [Fact]
    public void Load_QD124_ReadsGradesAndGrassrootsQuota()
    {
        RuleSet rules = RuleSetLoader.Load("QD124-2023");

        GradeScale grades = Assert.IsType<GradeScale>(rules.Scoring.Grades);
        Assert.Null(rules.Scoring.Points);
        Assert.Equal(["Xuất sắc", "Tốt", "Trung bình", "Kém"], grades.Grades.Select(g => g.NameVi));
        Assert.Equal(CriterionGrade.Poor, grades.ForcesNotCompleted.Value);
        Assert.Equal(QuotaScope.GrassrootsOrganization, rules.Quota.Scope.Value);
        Assert.Null(rules.Quota.OutstandingUnitMaxShare);
        LeaveRule sick = rules.Eligibility.Leave.Single(l => l.Kind == LeaveKind.LongSick);
        Assert.Equal((LeaveTreatment.Capped, RatingLevel.Completed, 3, false), (sick.Treatment, sick.CapAt!.Value, sick.MinMonths, sick.Confirmed));
    }

    [Theory]
    [InlineData("QD366-2025")]
    [InlineData("QD124-2023")]
    public void Load_VoteThresholds_MarkedUnconfirmed(string id)
    {
        VoteThresholds votes = RuleSetLoader.Load(id).Votes;

        Assert.False(votes.Basis.Confirmed);
        Assert.False(votes.Excellent.Confirmed);
        Assert.False(votes.Good.Confirmed);
        Assert.Contains("07-HD/BTCTW", votes.Excellent.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("QD366-2025")]
    [InlineData("QD124-2023")]
    public void Load_EveryLevel_HasVietnameseAndEnglishNames(string id)
    {
        RuleSet rules = RuleSetLoader.Load(id);

        Assert.Equal(["HTXSNV", "HTTNV", "HTNV", "KHTNV"], rules.Levels.Select(l => l.Code));
        Assert.Equal("Hoàn thành xuất sắc nhiệm vụ", rules.Level(RatingLevel.Excellent).NameVi);
        Assert.All(rules.Levels, l => Assert.False(string.IsNullOrWhiteSpace(l.NameEn)));
    }

    [Fact]
    public void Load_SameIdTwice_ReturnsTheSameRuleSet()
    {
        Assert.Same(RuleSetLoader.Load("QD366-2025"), RuleSetLoader.Load("QD366-2025"));
    }

    [Fact]
    public void Load_UnknownId_ThrowsNamingTheId()
    {
        RuleSetException e = Assert.Throws<RuleSetException>(() => RuleSetLoader.Load("QD999-2030"));

        Assert.Equal("id", e.Field);
        Assert.Contains("QD999-2030", e.Message, StringComparison.Ordinal);
    }
}
