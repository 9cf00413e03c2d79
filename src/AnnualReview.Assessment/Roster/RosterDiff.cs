using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Roster;

/// <summary>
/// Compares the roster already loaded with an incoming one (so sánh danh sách), matching by id. Both rosters
/// must be valid (unique ids); results keep the incoming order, removals the existing order, so the same pair
/// always gives the same report. Removals count only inside the stored tree under the incoming root: importing
/// one branch removes nothing from the others.
/// </summary>
public static class RosterDiff
{
    public static RosterDiffResult Compute(
        IReadOnlyList<Unit> existingUnits,
        IReadOnlyList<Member> existingMembers,
        IReadOnlyList<Unit> incomingUnits,
        IReadOnlyList<Member> incomingMembers)
    {
        ArgumentNullException.ThrowIfNull(existingUnits);
        ArgumentNullException.ThrowIfNull(existingMembers);
        ArgumentNullException.ThrowIfNull(incomingUnits);
        ArgumentNullException.ThrowIfNull(incomingMembers);

        var (addedUnits, updatedUnits, removedUnits) = Compare(existingUnits, incomingUnits, u => u.Id, UnitFields);

        var existing = ById(existingMembers, m => m.Id);
        var moves = new List<MemberMove>();
        foreach (var member in incomingMembers)
        {
            if (existing.TryGetValue(member.Id, out var before) && before.CellId != member.CellId)
            {
                moves.Add(new MemberMove(member.Id, before.CellId, member.CellId));
            }
        }

        // A move is reported once, as a move; the cell is left out of the fields compared for "updated".
        var (addedMembers, updatedMembers, removedMembers) =
            Compare(existingMembers, incomingMembers, m => m.Id, (a, b) => MemberFields(a, b with { CellId = a.CellId }));

        // An import is a whole tree from its root: what is stored outside that tree is not in the file, and not removed.
        HashSet<string> imported = StoredSubtree(existingUnits, incomingUnits.Where(u => u.ParentId is null).Select(u => u.Id));
        removedUnits = [.. removedUnits.Where(u => imported.Contains(u.Id))];
        removedMembers = [.. removedMembers.Where(m => imported.Contains(m.CellId))];
        return new RosterDiffResult(addedUnits, updatedUnits, removedUnits, addedMembers, updatedMembers, removedMembers, moves);
    }

    /// <summary>The ids of the stored units at or under <paramref name="roots"/>.</summary>
    private static HashSet<string> StoredSubtree(IReadOnlyList<Unit> stored, IEnumerable<string> roots)
    {
        ILookup<string, Unit> children = stored.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!, StringComparer.Ordinal);
        var subtree = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(roots);
        while (pending.TryPop(out string? id))
        {
            if (subtree.Add(id))
            {
                foreach (Unit child in children[id])
                {
                    pending.Push(child.Id);
                }
            }
        }

        return subtree;
    }

    private static (List<T> Added, List<RosterChange<T>> Updated, List<T> Removed) Compare<T>(
        IReadOnlyList<T> existing,
        IReadOnlyList<T> incoming,
        Func<T, string> id,
        Func<T, T, List<string>> changedFields)
    {
        var before = ById(existing, id);
        var after = ById(incoming, id);
        var added = new List<T>();
        var updated = new List<RosterChange<T>>();
        foreach (var item in incoming)
        {
            if (!before.TryGetValue(id(item), out var old))
            {
                added.Add(item);
            }
            else if (changedFields(old, item) is { Count: > 0 } fields)
            {
                updated.Add(new RosterChange<T>(old, item, fields));
            }
        }

        var removed = existing.Where(item => !after.ContainsKey(id(item))).ToList();
        return (added, updated, removed);
    }

    private static Dictionary<string, T> ById<T>(IReadOnlyList<T> items, Func<T, string> id)
    {
        var map = new Dictionary<string, T>(items.Count, StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!map.TryAdd(id(item), item))
            {
                throw new ArgumentException($"Duplicate id \"{id(item)}\": validate a roster before comparing it.", nameof(items));
            }
        }

        return map;
    }

    private static List<string> UnitFields(Unit a, Unit b)
    {
        var fields = new List<string>();
        Check(fields, RosterColumns.Name, a.Name, b.Name);
        Check(fields, RosterColumns.Kind, a.Kind, b.Kind);
        Check(fields, RosterColumns.ParentId, a.ParentId, b.ParentId);
        Check(fields, RosterColumns.Email, a.Email, b.Email);
        return fields;
    }

    private static List<string> MemberFields(Member a, Member b)
    {
        var fields = new List<string>();
        if (a == b)
        {
            return fields;
        }

        Check(fields, RosterColumns.FullName, a.FullName, b.FullName);
        Check(fields, RosterColumns.CellId, a.CellId, b.CellId);
        Check(fields, RosterColumns.Membership, a.Membership, b.Membership);
        Check(fields, RosterColumns.AdmittedOn, a.AdmittedOn, b.AdmittedOn);
        Check(fields, RosterColumns.Standing, a.Standing, b.Standing);
        Check(fields, RosterColumns.Leave, a.Leave, b.Leave);
        Check(fields, RosterColumns.LeaveMonths, a.LeaveMonths, b.LeaveMonths);
        Check(fields, RosterColumns.LeadershipPost, a.LeadershipPost, b.LeadershipPost);
        Check(fields, RosterColumns.OutsidePoliticalSystem, a.OutsidePoliticalSystem, b.OutsidePoliticalSystem);
        Check(fields, RosterColumns.Email, a.Email, b.Email);
        Check(fields, RosterColumns.Phone, a.Phone, b.Phone);
        return fields;
    }

    private static void Check<TValue>(List<string> fields, string column, TValue a, TValue b)
    {
        if (!EqualityComparer<TValue>.Default.Equals(a, b))
        {
            fields.Add(column);
        }
    }
}
