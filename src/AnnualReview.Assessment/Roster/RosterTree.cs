using System.Diagnostics.CodeAnalysis;
using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Roster;

/// <summary>
/// An index over a valid roster (cây tổ chức): children, paths, subtrees, cells and members. Built once in
/// O(units + members); every query is a dictionary look-up or a slice, so a 150,000-member city answers
/// "is this cell under that committee?" (asked on every authorized request) without walking anything.
/// </summary>
/// <remarks>
/// Units are numbered in depth-first order; a subtree is then a contiguous range of numbers, and the cells
/// and members under a unit are contiguous slices of arrays laid out in the same order.
/// </remarks>
public sealed partial class RosterTree
{
    private readonly Dictionary<string, int> unitIndex;
    private readonly Dictionary<string, int> memberIndex;
    private readonly Unit[] unitsInOrder;
    private readonly int[] subtreeEnd;
    private readonly int[] parent;
    private readonly int[] grassroots;
    private readonly Unit[][] children;
    private readonly Unit[] cells;
    private readonly int[] cellStart;
    private readonly int[] cellEnd;
    private readonly Member[] members;
    private readonly int[] memberCell;
    private readonly int[] memberStart;
    private readonly int[] memberEnd;
    private readonly int[][] kindPrefix;

    /// <summary>The root of the tree: the organization board or top committee that runs the cycle.</summary>
    public Unit Root => unitsInOrder[0];

    public int UnitCount => unitsInOrder.Length;

    public int MemberCount => members.Length;

    /// <summary>All units, root first, each parent before its children.</summary>
    public IReadOnlyList<Unit> Units => unitsInOrder;

    /// <summary>All members, grouped by cell in the order of <see cref="Units"/>.</summary>
    public IReadOnlyList<Member> Members => members;

    public Unit GetUnit(string unitId) => unitsInOrder[IndexOf(unitId)];

    public bool TryGetUnit(string unitId, [NotNullWhen(true)] out Unit? unit)
    {
        unit = unitIndex.TryGetValue(unitId, out var i) ? unitsInOrder[i] : null;
        return unit is not null;
    }

    public Member GetMember(string memberId) => members[MemberIndexOf(memberId)];

    public bool TryGetMember(string memberId, [NotNullWhen(true)] out Member? member)
    {
        member = memberIndex.TryGetValue(memberId, out var i) ? members[i] : null;
        return member is not null;
    }

    /// <summary>The units directly under a unit, in roster order.</summary>
    public IReadOnlyList<Unit> ChildrenOf(string unitId) => children[IndexOf(unitId)];

    /// <summary>The unit directly above, or null for the root.</summary>
    public Unit? ParentOf(string unitId) => parent[IndexOf(unitId)] is var p and >= 0 ? unitsInOrder[p] : null;

    /// <summary>The units from the root down to this unit, both included.</summary>
    public IReadOnlyList<Unit> PathFromRoot(string unitId)
    {
        var path = new List<Unit>();
        for (var i = IndexOf(unitId); i >= 0; i = parent[i])
        {
            path.Add(unitsInOrder[i]);
        }

        path.Reverse();
        return path;
    }

    /// <summary>
    /// Whether <paramref name="unitId"/> is <paramref name="ancestorId"/> or lies below it. Unknown ids give false,
    /// never an exception, because this guards access and must fail closed.
    /// </summary>
    public bool IsInSubtree(string unitId, string ancestorId) =>
        unitIndex.TryGetValue(unitId, out var unit) &&
        unitIndex.TryGetValue(ancestorId, out var ancestor) &&
        ancestor <= unit && unit < subtreeEnd[ancestor];

    /// <summary>Whether the member's cell lies in the ancestor's subtree; false for unknown ids.</summary>
    public bool IsMemberInSubtree(string memberId, string ancestorId) =>
        memberIndex.TryGetValue(memberId, out var member) &&
        unitIndex.TryGetValue(ancestorId, out var ancestor) &&
        ancestor <= memberCell[member] && memberCell[member] < subtreeEnd[ancestor];

    /// <summary>
    /// The grassroots organization (tổ chức cơ sở đảng) a unit belongs to: the nearest one at or above it; it
    /// decides the ratings of the cell's members. Null for a cell kept directly by a committee and for units above the grassroots.
    /// </summary>
    public Unit? GrassrootsOf(string unitId) => grassroots[IndexOf(unitId)] is var g and >= 0 ? unitsInOrder[g] : null;

    /// <summary>The cells at or below a unit, in roster order.</summary>
    public IReadOnlyList<Unit> CellsUnder(string unitId)
    {
        var i = IndexOf(unitId);
        return new ArraySegment<Unit>(cells, cellStart[i], cellEnd[i] - cellStart[i]);
    }

    /// <summary>The members of one cell; empty for a unit that is not a cell, since members only belong to cells.</summary>
    public IReadOnlyList<Member> MembersOf(string cellId)
    {
        var i = IndexOf(cellId);
        return unitsInOrder[i].Kind == UnitKind.Cell ? MembersUnder(i) : Array.Empty<Member>();
    }

    /// <summary>Every member in the cells at or below a unit.</summary>
    public IReadOnlyList<Member> MembersUnder(string unitId) => MembersUnder(IndexOf(unitId));

    /// <summary>The cell a member belongs to.</summary>
    public Unit CellOf(string memberId) => unitsInOrder[memberCell[MemberIndexOf(memberId)]];

    /// <summary>Units of each kind and members in a unit's subtree, the unit included.</summary>
    public RosterCounts CountsOf(string unitId)
    {
        var i = IndexOf(unitId);
        int Count(UnitKind kind) => kindPrefix[(int)kind][subtreeEnd[i]] - kindPrefix[(int)kind][i];
        return new RosterCounts(
            Count(UnitKind.Committee),
            Count(UnitKind.GrassrootsOrganization),
            Count(UnitKind.Cell),
            memberEnd[i] - memberStart[i]);
    }

    private ArraySegment<Member> MembersUnder(int i) => new(members, memberStart[i], memberEnd[i] - memberStart[i]);

    private int IndexOf(string unitId) =>
        unitIndex.TryGetValue(unitId, out var i) ? i : throw new KeyNotFoundException($"No unit with id \"{unitId}\" in the roster.");

    private int MemberIndexOf(string memberId) =>
        memberIndex.TryGetValue(memberId, out var i) ? i : throw new KeyNotFoundException($"No member with id \"{memberId}\" in the roster.");
}
