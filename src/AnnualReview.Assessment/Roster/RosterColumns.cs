namespace AnnualReview.Assessment.Roster;

/// <summary>
/// Column names of the roster formats (CSV snake_case; JSON uses the same names in camelCase).
/// Kept in one place so parsers, writers, validation messages and the README agree.
/// </summary>
public static class RosterColumns
{
    public const string Id = "id";
    public const string Name = "name";
    public const string Kind = "kind";
    public const string ParentId = "parent_id";
    public const string Email = "email";

    public const string FullName = "full_name";
    public const string CellId = "cell_id";
    public const string Membership = "membership";
    public const string AdmittedOn = "admitted_on";
    public const string Standing = "standing";
    public const string Leave = "leave";
    public const string LeaveMonths = "leave_months";
    public const string LeadershipPost = "leadership_post";
    public const string OutsidePoliticalSystem = "outside_political_system";
    public const string Phone = "phone";

    /// <summary>Unit columns in the order the writer emits them.</summary>
    public static IReadOnlyList<string> Unit { get; } = [Id, Name, Kind, ParentId, Email];

    /// <summary>Unit columns a file must have; the others may be left out.</summary>
    public static IReadOnlyList<string> RequiredUnit { get; } = [Id, Name, Kind, ParentId];

    /// <summary>Member columns in the order the writer emits them.</summary>
    public static IReadOnlyList<string> Member { get; } =
    [
        Id, FullName, CellId, Membership, AdmittedOn, Standing, Leave, LeaveMonths,
        LeadershipPost, OutsidePoliticalSystem, Email, Phone,
    ];

    /// <summary>Member columns a file must have; the others default (active, no leave, no post, inside the system).</summary>
    public static IReadOnlyList<string> RequiredMember { get; } = [Id, FullName, CellId, Membership, AdmittedOn];
}
