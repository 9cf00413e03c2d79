using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Roster;

/// <summary>
/// What a re-import changes. A member whose only change is the cell appears in <see cref="MovedMembers"/> and
/// not in <see cref="UpdatedMembers"/>; one who moved and changed something else appears in both.
/// </summary>
public sealed record RosterDiffResult(
    IReadOnlyList<Unit> AddedUnits,
    IReadOnlyList<RosterChange<Unit>> UpdatedUnits,
    IReadOnlyList<Unit> RemovedUnits,
    IReadOnlyList<Member> AddedMembers,
    IReadOnlyList<RosterChange<Member>> UpdatedMembers,
    IReadOnlyList<Member> RemovedMembers,
    IReadOnlyList<MemberMove> MovedMembers)
{
    /// <summary>True when the incoming roster equals the existing one: a re-import changes nothing.</summary>
    public bool IsEmpty => TotalChanges == 0;

    /// <summary>Every change counted once per list (a member who moved and was updated counts twice).</summary>
    public int TotalChanges =>
        AddedUnits.Count + UpdatedUnits.Count + RemovedUnits.Count +
        AddedMembers.Count + UpdatedMembers.Count + RemovedMembers.Count + MovedMembers.Count;
}
