using AnnualReview.Assessment.Roster;

namespace AnnualReview.Functions.Api.Roster;

/// <summary>What an accepted import changed. Importing the same roster again answers with every count at zero.</summary>
public sealed record RosterImportResponse(
    bool Changed,
    int UnitsAdded,
    int UnitsChanged,
    int UnitsRemoved,
    int MembersAdded,
    int MembersChanged,
    int MembersRemoved,
    int MembersMoved,
    IReadOnlyList<MemberMove> Moves)
{
    public static RosterImportResponse From(RosterDiffResult diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return new RosterImportResponse(
            !diff.IsEmpty,
            diff.AddedUnits.Count,
            diff.UpdatedUnits.Count,
            diff.RemovedUnits.Count,
            diff.AddedMembers.Count,
            diff.UpdatedMembers.Count,
            diff.RemovedMembers.Count,
            diff.MovedMembers.Count,
            diff.MovedMembers);
    }
}

/// <summary>One bad row of a refused import: where (line and row path) and which field.</summary>
public sealed record RosterRowProblem(string Field, string Code, string Message, int? Line, string? Row);

/// <summary>A unit and the units directly under it.</summary>
public sealed record UnitView(string Id, string Name, string Kind, string? ParentId, string? Email)
{
    public static UnitView From(AnnualReview.Assessment.Model.Unit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return new UnitView(unit.Id, unit.Name, unit.Kind.ToString(), unit.ParentId, unit.Email);
    }
}

public sealed record UnitWithChildren(UnitView Unit, IReadOnlyList<UnitView> Children);
