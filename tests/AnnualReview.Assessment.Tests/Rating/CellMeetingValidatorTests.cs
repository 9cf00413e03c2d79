using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rating;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Assessment.Tests.Rating;

public class CellMeetingValidatorTests
{
    private static readonly DateOnly Day = new(2026, 12, 18);
    private static readonly RuleSet Rules = RuleSetLoader.Load("QD366-2025");

    // Four full members and one probationary member, who is rated but does not vote.
    private static readonly Member[] Cell =
    [
        new("m1", "A", "c1", MembershipKind.Full, new DateOnly(2001, 1, 1)),
        new("m2", "B", "c1", MembershipKind.Full, new DateOnly(2002, 1, 1)),
        new("m3", "C", "c1", MembershipKind.Full, new DateOnly(2003, 1, 1)),
        new("m4", "D", "c1", MembershipKind.Full, new DateOnly(2004, 1, 1)),
        new("p1", "E", "c1", MembershipKind.Probationary, new DateOnly(2026, 3, 1)),
    ];

    [Fact]
    public void Validate_TalliesWithinPresentFullMembers_NoErrors()
    {
        var meeting = new CellMeeting("c1", Day, 4, 3, [new VoteTally("m1", 3, 0, 0, 0), new VoteTally("m2", 1, 2, 0, 0)]);

        Assert.Empty(CellMeetingValidator.Validate(meeting, Cell, Rules));
    }

    [Fact]
    public void Validate_TallyForProbationaryMember_Accepted()
    {
        var meeting = new CellMeeting("c1", Day, 4, 4, [new VoteTally("p1", 0, 4, 0, 0)]);

        Assert.Empty(CellMeetingValidator.Validate(meeting, Cell, Rules));
    }

    [Fact]
    public void Validate_MoreVotesThanPresentFullMembers_Refused()
    {
        var meeting = new CellMeeting("c1", Day, 4, 3, [new VoteTally("m1", 2, 2, 0, 0)]);

        ValidationError error = Assert.Single(CellMeetingValidator.Validate(meeting, Cell, Rules));

        Assert.Equal(("VotesExceedPresent", "tallies[0]"), (error.Code, error.Field));
        Assert.Contains("vượt quá", error.MessageVi, StringComparison.Ordinal);
        Assert.Contains("exceed", error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ProbationaryMemberCountedAsConvened_Refused()
    {
        var meeting = new CellMeeting("c1", Day, 5, 5, []);

        ValidationError error = Assert.Single(CellMeetingValidator.Validate(meeting, Cell, Rules));

        Assert.Equal(("ConvenedExceedsRoster", "fullMembersConvened"), (error.Code, error.Field));
    }

    [Theory]
    [InlineData(MemberStanding.Exempt)]
    [InlineData(MemberStanding.Suspended)]
    public void Validate_ConveningAFullMemberOutOfActivity_Refused(MemberStanding standing)
    {
        Member[] cell = [.. Cell, new("m5", "F", "c1", MembershipKind.Full, new DateOnly(1990, 1, 1)) { Standing = standing }];

        ValidationError error = Assert.Single(CellMeetingValidator.Validate(new CellMeeting("c1", Day, 5, 4, []), cell, Rules));

        Assert.Equal(4, CellMeetingValidator.Convenable(cell));
        Assert.Equal((CellMeetingValidator.ConvenedExceedsRoster, "fullMembersConvened"), (error.Code, error.Field));
        Assert.Contains("miễn hay đình chỉ", error.MessageVi, StringComparison.Ordinal);
        Assert.Empty(CellMeetingValidator.Validate(new CellMeeting("c1", Day, 4, 4, []), cell, Rules));
    }

    [Fact]
    public void Validate_MorePresentThanConvened_Refused()
    {
        var meeting = new CellMeeting("c1", Day, 3, 4, []);

        ValidationError error = Assert.Single(CellMeetingValidator.Validate(meeting, Cell, Rules));

        Assert.Equal(("PresentExceedsConvened", "fullMembersPresent"), (error.Code, error.Field));
    }

    [Fact]
    public void Validate_NegativeNumbers_RefusedPerField()
    {
        var meeting = new CellMeeting("c1", Day, 4, -1, [new VoteTally("m1", -1, 0, 0, -2)]);

        IReadOnlyList<ValidationError> errors = CellMeetingValidator.Validate(meeting, Cell, Rules);

        Assert.All(errors, e => Assert.Equal("Negative", e.Code));
        Assert.Equal(["fullMembersPresent", "tallies[0].excellent", "tallies[0].notCompleted"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_MemberOfAnotherCell_Refused()
    {
        var meeting = new CellMeeting("c1", Day, 4, 4, [new VoteTally("x9", 4, 0, 0, 0)]);

        ValidationError error = Assert.Single(CellMeetingValidator.Validate(meeting, Cell, Rules));

        Assert.Equal(("MemberNotInCell", "tallies[0].memberId"), (error.Code, error.Field));
    }

    [Fact]
    public void Validate_TwoTalliesForOneMember_Refused()
    {
        var meeting = new CellMeeting("c1", Day, 4, 4, [new VoteTally("m1", 4, 0, 0, 0), new VoteTally("m1", 0, 4, 0, 0)]);

        ValidationError error = Assert.Single(CellMeetingValidator.Validate(meeting, Cell, Rules));

        Assert.Equal(("DuplicateTally", "tallies[1].memberId"), (error.Code, error.Field));
    }

    [Fact]
    public void Validate_PointsTallyWithinTheScale_NoErrors()
    {
        var meeting = new CellMeeting("c1", Day, 4, 4, [new VoteTally("m1", 0, 0, 0, 0) { Points = Points(28, 64) }, new VoteTally("m2", 0, 4, 0, 0)]);

        Assert.Empty(CellMeetingValidator.Validate(meeting, Cell, Rules));
    }

    [Fact]
    public void Validate_PointsOutsideTheScaleAndVotesBeside_EveryFieldNamed()
    {
        PointsAssessment points = Points(31, 50) with { TasksOnTimeShare = 1.2m, NotCompletedFindings = ["Lazy"] };
        var meeting = new CellMeeting("c1", Day, 4, 4, [new VoteTally("m1", 2, 0, 0, 0) { Points = points }]);

        IReadOnlyList<ValidationError> errors = CellMeetingValidator.Validate(meeting, Cell, Rules);

        Assert.Equal(
            [
                ("VotesAndPoints", "tallies[0]"),
                ("GroupPointsOutOfRange", "tallies[0].points.groupPoints.general"),
                ("ShareOutOfRange", "tallies[0].points.tasksOnTimeShare"),
                ("UnknownFinding", "tallies[0].points.notCompletedFindings"),
            ],
            errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Validate_PointsUnderARuleSetThatGrades_Refused()
    {
        var meeting = new CellMeeting("c1", Day, 4, 4, [new VoteTally("m1", 0, 0, 0, 0) { Points = Points(28, 64) }]);

        ValidationError error = Assert.Single(CellMeetingValidator.Validate(meeting, Cell, RuleSetLoader.Load("QD124-2023")));

        Assert.Equal(("PointsNotScored", "tallies[0].points"), (error.Code, error.Field));
    }

    private static PointsAssessment Points(decimal general, decimal tasks) => new(
        new Dictionary<string, decimal> { ["general"] = general, ["taskResults"] = tasks },
        TasksOnTimeShare: 1m,
        TasksExceedingShare: 0.3m,
        ShortcomingsFixedShare: 1m);
}
