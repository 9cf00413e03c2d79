using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Roster;

/// <summary>
/// Turns the raw text of one row (from CSV or JSON) into a <see cref="Unit"/> or <see cref="Member"/>.
/// It reports every unreadable field of the row, not just the first, and leaves meaning (unknown cells,
/// duplicates, dates in the future) to <see cref="RosterValidator"/>.
/// </summary>
internal static class RosterRowBuilder
{
    private const string KindValues = "OrganizationBoard, Committee, GrassrootsOrganization, Cell (ban tổ chức, đảng bộ, đảng bộ cơ sở, chi bộ cơ sở, chi bộ)";
    private const string MembershipValues = "full, probationary (chính thức, dự bị)";
    private const string StandingValues = "active, exempt, suspended";
    private const string LeaveValues = "none, long_sick, maternity";
    private const string BoolValues = "true, false";
    private const string IntValues = "a whole number / số nguyên";

    /// <summary>Builds a unit, or returns null after adding errors. <c>field</c> gives a column's raw text by CSV name, null when absent.</summary>
    public static Unit? BuildUnit(Func<string, string?> field, RosterPosition position, List<RosterError> errors)
    {
        var before = errors.Count;
        var kindText = RosterValueParser.Clean(field(RosterColumns.Kind));
        if (!RosterValueParser.TryKind(kindText, out var kind))
        {
            errors.Add(ParseErrors.InvalidValue(position, position.FieldName(RosterColumns.Kind), kindText, KindValues));
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new Unit(
            RosterValueParser.Clean(field(RosterColumns.Id)),
            RosterValueParser.Clean(field(RosterColumns.Name)),
            kind,
            RosterValueParser.CleanOptional(field(RosterColumns.ParentId)))
        {
            Email = RosterValueParser.CleanOptional(field(RosterColumns.Email)),
        };
    }

    /// <summary>Builds a member, or returns null after adding one error per unreadable field.</summary>
    public static Member? BuildMember(Func<string, string?> field, RosterPosition position, List<RosterError> errors)
    {
        var before = errors.Count;

        var membershipText = RosterValueParser.Clean(field(RosterColumns.Membership));
        if (!RosterValueParser.TryMembership(membershipText, out var membership))
        {
            errors.Add(ParseErrors.InvalidValue(position, position.FieldName(RosterColumns.Membership), membershipText, MembershipValues));
        }

        var admittedText = RosterValueParser.Clean(field(RosterColumns.AdmittedOn));
        if (!RosterValueParser.TryDate(admittedText, out var admittedOn))
        {
            errors.Add(ParseErrors.InvalidDate(position, position.FieldName(RosterColumns.AdmittedOn), admittedText));
        }

        var standing = Optional(field, RosterColumns.Standing, MemberStanding.Active, RosterValueParser.TryStanding, StandingValues, position, errors);
        var leave = Optional(field, RosterColumns.Leave, LeaveKind.None, RosterValueParser.TryLeave, LeaveValues, position, errors);
        var leaveMonths = Optional(field, RosterColumns.LeaveMonths, 0, RosterValueParser.TryInt, IntValues, position, errors);
        var outside = Optional(field, RosterColumns.OutsidePoliticalSystem, false, RosterValueParser.TryBool, BoolValues, position, errors);

        if (errors.Count > before)
        {
            return null;
        }

        return new Member(
            RosterValueParser.Clean(field(RosterColumns.Id)),
            RosterValueParser.Clean(field(RosterColumns.FullName)),
            RosterValueParser.Clean(field(RosterColumns.CellId)),
            membership,
            admittedOn)
        {
            Standing = standing,
            Leave = leave,
            LeaveMonths = leaveMonths,
            LeadershipPost = RosterValueParser.CleanOptional(field(RosterColumns.LeadershipPost)),
            OutsidePoliticalSystem = outside,
            Email = RosterValueParser.CleanOptional(field(RosterColumns.Email)),
            Phone = RosterValueParser.CleanOptional(field(RosterColumns.Phone)),
        };
    }

    private delegate bool TryParse<T>(string text, out T value);

    /// <summary>A blank optional field takes its default; only text that is there and wrong is an error.</summary>
    private static T Optional<T>(
        Func<string, string?> field,
        string column,
        T fallback,
        TryParse<T> parse,
        string allowed,
        RosterPosition position,
        List<RosterError> errors)
    {
        var text = RosterValueParser.Clean(field(column));
        if (text.Length == 0)
        {
            return fallback;
        }

        if (parse(text, out var value))
        {
            return value;
        }

        errors.Add(ParseErrors.InvalidValue(position, position.FieldName(column), text, allowed));
        return fallback;
    }
}
