using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;

namespace AnnualReview.Assessment.Tests.Roster;

public class RosterValidatorTests
{
    private static IReadOnlyList<RosterError> Validate(Unit[] units, Member[] members) =>
        RosterValidator.Validate(units, members, SampleRoster.Today);

    [Fact]
    public void Validate_SampleRoster_HasNoErrors()
    {
        Assert.Empty(Validate(SampleRoster.Units(), SampleRoster.Members()));
    }

    [Fact]
    public void Validate_UnknownParent_ReportsParentField()
    {
        var units = SampleRoster.Units();
        units[3] = units[3] with { ParentId = "c9" };

        var error = Assert.Single(Validate(units, SampleRoster.Members()));

        Assert.Equal(RosterErrorCodes.UnknownParent, error.Code);
        Assert.Equal("parent_id", error.Field);
        Assert.Equal("units[3]", error.Position!.Value.Path);
        Assert.Contains("c9", error.MessageVi, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cell1", "board")]
    [InlineData("cell1", "cell2")]
    [InlineData("g1", "g2")]
    [InlineData("c1", "g1")]
    [InlineData("g1", "cell2")]
    public void Validate_ParentOfWrongKind_IsReported(string unitId, string parentId)
    {
        var units = SampleRoster.Units().Select(u => u.Id == unitId ? u with { ParentId = parentId } : u).ToArray();

        var errors = Validate(units, SampleRoster.Members());

        Assert.Contains(errors, e => e.Code == RosterErrorCodes.WrongParentKind && e.Field == "parent_id");
    }

    [Theory]
    [InlineData("cell1", "c1")]
    [InlineData("g1", "board")]
    [InlineData("c2", "c1")]
    public void Validate_AllowedParentKinds_AreAccepted(string unitId, string parentId)
    {
        var units = SampleRoster.Units().Select(u => u.Id == unitId ? u with { ParentId = parentId } : u).ToArray();

        Assert.Empty(Validate(units, SampleRoster.Members()));
    }

    [Fact]
    public void Validate_BoardUnderCommittee_IsWrongParentKind()
    {
        Unit[] units =
        [
            new("top", "Thành ủy", UnitKind.Committee, null),
            new("board", "Ban Tổ chức", UnitKind.OrganizationBoard, "top"),
        ];

        var error = Assert.Single(Validate(units, []));

        Assert.Equal(RosterErrorCodes.WrongParentKind, error.Code);
    }

    [Fact]
    public void Validate_TwoRoots_ReportsTheSecond()
    {
        var units = SampleRoster.Units();
        units[2] = units[2] with { ParentId = null };

        var error = Assert.Single(Validate(units, SampleRoster.Members()));

        Assert.Equal(RosterErrorCodes.MultipleRoots, error.Code);
        Assert.Equal(2, error.Position!.Value.Index);
    }

    [Fact]
    public void Validate_RootIsACell_IsWrongRootKind()
    {
        var error = Assert.Single(Validate([new Unit("x", "Chi bộ", UnitKind.Cell, null)], []));

        Assert.Equal(RosterErrorCodes.WrongRootKind, error.Code);
        Assert.Equal("kind", error.Field);
    }

    [Fact]
    public void Validate_NoRoot_IsReportedWithoutPosition()
    {
        Unit[] units =
        [
            new("a", "A", UnitKind.Committee, "b"),
            new("b", "B", UnitKind.Committee, "a"),
        ];

        var errors = Validate(units, []);

        Assert.Equal([RosterErrorCodes.NoRoot, RosterErrorCodes.Cycle], errors.Select(e => e.Code));
        Assert.Null(errors[0].Position);
    }

    [Fact]
    public void Validate_Cycle_IsReportedOnceAtItsFirstRow()
    {
        var units = SampleRoster.Units().Concat(
        [
            new Unit("x", "X", UnitKind.Committee, "z"),
            new Unit("y", "Y", UnitKind.Committee, "x"),
            new Unit("z", "Z", UnitKind.Committee, "y"),
            new Unit("self", "Self", UnitKind.Committee, "self"),
        ]).ToArray();

        var errors = Validate(units, SampleRoster.Members()).Where(e => e.Code == RosterErrorCodes.Cycle).ToList();

        Assert.Equal(2, errors.Count);
        Assert.Equal("units[10]", errors[0].Position!.Value.Path);
        Assert.Contains("x → z → y → x", errors[0].MessageEn, StringComparison.Ordinal);
        Assert.Equal("units[13]", errors[1].Position!.Value.Path);
    }

    [Fact]
    public void Validate_DuplicateUnitId_ReportsTheLaterRow()
    {
        var units = SampleRoster.Units().Append(new Unit("cell1", "Chi bộ khác", UnitKind.Cell, "g3")).ToArray();

        var error = Assert.Single(Validate(units, SampleRoster.Members()));

        Assert.Equal(RosterErrorCodes.DuplicateUnitId, error.Code);
        Assert.Equal(10, error.Position!.Value.Index);
        Assert.Contains("units[6]", error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MemberErrors_AreAllReportedForOneRow()
    {
        var members = SampleRoster.Members();
        members[1] = members[1] with
        {
            Id = "m1",
            FullName = " ",
            CellId = "g1",
            AdmittedOn = SampleRoster.Today.AddDays(1),
            LeaveMonths = 13,
            Email = "not an email",
        };

        var errors = Validate(SampleRoster.Units(), members);

        Assert.Equal(
            [
                RosterErrorCodes.DuplicateMemberId, RosterErrorCodes.MissingName, RosterErrorCodes.NotACell,
                RosterErrorCodes.AdmittedInFuture, RosterErrorCodes.LeaveMonthsOutOfRange, RosterErrorCodes.BadEmail,
            ],
            errors.Select(e => e.Code));
        Assert.Equal(["id", "full_name", "cell_id", "admitted_on", "leave_months", "email"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Equal(1, e.Position!.Value.Index));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.MessageVi)));
    }

    [Theory]
    [InlineData("a@b")]
    [InlineData("a@@b.vn")]
    [InlineData("@b.vn")]
    [InlineData("a b@c.vn")]
    [InlineData("a@b.")]
    public void Validate_MalformedEmail_IsReported(string email)
    {
        var members = SampleRoster.Members();
        members[0] = members[0] with { Email = email };

        var error = Assert.Single(Validate(SampleRoster.Units(), members));

        Assert.Equal(RosterErrorCodes.BadEmail, error.Code);
    }

    [Fact]
    public void Validate_UnitEmailMalformed_IsReported()
    {
        var units = SampleRoster.Units();
        units[1] = units[1] with { Email = "c1.example.vn" };

        var error = Assert.Single(Validate(units, SampleRoster.Members()));

        Assert.Equal(RosterErrorCodes.BadEmail, error.Code);
    }

    [Fact]
    public void Validate_MissingIds_AreReported()
    {
        var units = SampleRoster.Units().Append(new Unit("", "Chi bộ", UnitKind.Cell, "g1")).ToArray();
        var members = SampleRoster.Members().Append(SampleRoster.Member("", "Ngô Văn Tài", "cell1") with { Email = null }).ToArray();

        var errors = Validate(units, members);

        Assert.Equal([RosterErrorCodes.MissingId, RosterErrorCodes.MissingId], errors.Select(e => e.Code));
        Assert.Equal(["units", "members"], errors.Select(e => e.Position!.Value.Collection));
    }

    [Fact]
    public void Validate_ProbationaryAdmittedThreeYearsAgoAndLeaveBoundaries_AreFine()
    {
        var members = SampleRoster.Members();
        members[0] = members[0] with { Membership = MembershipKind.Probationary, AdmittedOn = SampleRoster.Today.AddYears(-3) };
        members[1] = members[1] with { Leave = LeaveKind.LongSick, LeaveMonths = 12 };
        members[2] = members[2] with { AdmittedOn = SampleRoster.Today };

        Assert.Empty(Validate(SampleRoster.Units(), members));
    }

    [Fact]
    public void Validate_MemberInUnreadableUnit_IsNotReportedAgain()
    {
        var units = SampleRoster.Units().Where(u => u.Id != "cell4").ToArray();
        var unitRows = units.Select((u, i) => new RosterRow<Unit>(u, new RosterPosition(RosterSourceFormat.None, "units", i, null))).ToList();
        var memberRows = SampleRoster.Members().Select((m, i) => new RosterRow<Member>(m, new RosterPosition(RosterSourceFormat.None, "members", i, null))).ToList();

        var errors = RosterValidator.Validate(unitRows, memberRows, SampleRoster.Today, new HashSet<string> { "cell4" });

        Assert.Empty(errors);
    }
}
