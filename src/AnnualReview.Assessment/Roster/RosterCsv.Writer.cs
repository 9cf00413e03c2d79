using System.Globalization;
using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Roster;

public static partial class RosterCsv
{
    /// <summary>Writes units in the format <see cref="ParseUnits"/> reads, header first.</summary>
    public static void WriteUnits(TextWriter writer, IEnumerable<Unit> units)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(units);
        CsvText.WriteRecord(writer, RosterColumns.Unit);
        var fields = new string?[RosterColumns.Unit.Count];
        foreach (var unit in units)
        {
            fields[0] = unit.Id;
            fields[1] = unit.Name;
            fields[2] = unit.Kind.ToString();
            fields[3] = unit.ParentId;
            fields[4] = unit.Email;
            CsvText.WriteRecord(writer, fields);
        }
    }

    /// <summary>Writes members in the format <see cref="ParseMembers"/> reads, header first.</summary>
    public static void WriteMembers(TextWriter writer, IEnumerable<Member> members)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(members);
        CsvText.WriteRecord(writer, RosterColumns.Member);
        var fields = new string?[RosterColumns.Member.Count];
        foreach (var member in members)
        {
            fields[0] = member.Id;
            fields[1] = member.FullName;
            fields[2] = member.CellId;
            fields[3] = MembershipText(member.Membership);
            fields[4] = member.AdmittedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            fields[5] = StandingText(member.Standing);
            fields[6] = LeaveText(member.Leave);
            fields[7] = member.LeaveMonths.ToString(CultureInfo.InvariantCulture);
            fields[8] = member.LeadershipPost;
            fields[9] = member.OutsidePoliticalSystem ? "true" : "false";
            fields[10] = member.Email;
            fields[11] = member.Phone;
            CsvText.WriteRecord(writer, fields);
        }
    }

    internal static string MembershipText(MembershipKind kind) => kind switch
    {
        MembershipKind.Probationary => "probationary",
        _ => "full",
    };

    internal static string StandingText(MemberStanding standing) => standing switch
    {
        MemberStanding.Exempt => "exempt",
        MemberStanding.Suspended => "suspended",
        _ => "active",
    };

    internal static string LeaveText(LeaveKind leave) => leave switch
    {
        LeaveKind.LongSick => "long_sick",
        LeaveKind.Maternity => "maternity",
        _ => "none",
    };
}
