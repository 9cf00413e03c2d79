using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Roster;

public sealed partial class RosterTree
{
    /// <summary>
    /// Indexes a roster. It must be valid (see <see cref="RosterValidator"/>); anything that breaks the tree
    /// (duplicate ids, unknown parents or cells, no single root, a cycle) throws <see cref="ArgumentException"/>.
    /// </summary>
    public static RosterTree Build(IReadOnlyList<Unit> units, IReadOnlyList<Member> members)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(members);
        return new RosterTree(units, members);
    }

    private RosterTree(IReadOnlyList<Unit> units, IReadOnlyList<Member> roster)
    {
        var n = units.Count;
        var original = new Dictionary<string, int>(n, StringComparer.Ordinal);
        var root = -1;
        for (var i = 0; i < n; i++)
        {
            if (!original.TryAdd(units[i].Id, i))
            {
                throw Invalid($"duplicate unit id \"{units[i].Id}\"");
            }

            if (units[i].ParentId is null)
            {
                root = root < 0 ? i : throw Invalid($"more than one root (\"{units[root].Id}\", \"{units[i].Id}\")");
            }
        }

        if (root < 0)
        {
            throw Invalid("no root unit");
        }

        var childrenByOriginal = ChildrenByOriginal(units, original);
        var membersByCell = MembersByCell(units, roster, original);

        unitIndex = new Dictionary<string, int>(n, StringComparer.Ordinal);
        memberIndex = new Dictionary<string, int>(roster.Count, StringComparer.Ordinal);
        unitsInOrder = new Unit[n];
        subtreeEnd = new int[n];
        parent = new int[n];
        grassroots = new int[n];
        cellStart = new int[n];
        cellEnd = new int[n];
        memberStart = new int[n];
        memberEnd = new int[n];
        members = new Member[roster.Count];
        memberCell = new int[roster.Count];
        var cellList = new List<Unit>();
        var newIndex = new int[n];
        var order = 0;
        var placed = 0;

        // Iterative depth-first walk: a deep or degenerate tree cannot overflow the stack.
        var stack = new Stack<(int Original, int NextChild)>();
        stack.Push((root, 0));
        Enter(root, -1);
        while (stack.Count > 0)
        {
            var (current, next) = stack.Pop();
            var kids = childrenByOriginal[current];
            if (next < kids.Count)
            {
                stack.Push((current, next + 1));
                stack.Push((kids[next], 0));
                Enter(kids[next], newIndex[current]);
                continue;
            }

            var i = newIndex[current];
            subtreeEnd[i] = order;
            cellEnd[i] = cellList.Count;
            memberEnd[i] = placed;
        }

        if (order < n)
        {
            var lost = units.First(u => !unitIndex.ContainsKey(u.Id));
            throw Invalid($"unit \"{lost.Id}\" is not reachable from the root (a cycle?)");
        }

        cells = [.. cellList];
        children = new Unit[n][];
        for (var o = 0; o < n; o++)
        {
            children[newIndex[o]] = [.. childrenByOriginal[o].Select(c => units[c])];
        }

        kindPrefix = KindPrefix(unitsInOrder);

        void Enter(int o, int parentIndex)
        {
            var unit = units[o];
            var i = order++;
            newIndex[o] = i;
            unitsInOrder[i] = unit;
            unitIndex[unit.Id] = i;
            parent[i] = parentIndex;
            grassroots[i] = unit.Kind == UnitKind.GrassrootsOrganization ? i : parentIndex >= 0 ? grassroots[parentIndex] : -1;
            cellStart[i] = cellList.Count;
            memberStart[i] = placed;
            if (unit.Kind == UnitKind.Cell)
            {
                cellList.Add(unit);
                foreach (var member in membersByCell.GetValueOrDefault(o) ?? [])
                {
                    memberIndex[member.Id] = placed;
                    memberCell[placed] = i;
                    members[placed++] = member;
                }
            }
        }
    }

    private static List<int>[] ChildrenByOriginal(IReadOnlyList<Unit> units, Dictionary<string, int> original)
    {
        var children = new List<int>[units.Count];
        for (var i = 0; i < units.Count; i++)
        {
            children[i] = [];
        }

        for (var i = 0; i < units.Count; i++)
        {
            if (units[i].ParentId is { } parentId)
            {
                var p = original.TryGetValue(parentId, out var found)
                    ? found
                    : throw Invalid($"unit \"{units[i].Id}\" has an unknown parent \"{parentId}\"");
                children[p].Add(i);
            }
        }

        return children;
    }

    private static Dictionary<int, List<Member>> MembersByCell(
        IReadOnlyList<Unit> units,
        IReadOnlyList<Member> roster,
        Dictionary<string, int> original)
    {
        var byCell = new Dictionary<int, List<Member>>();
        var seen = new HashSet<string>(roster.Count, StringComparer.Ordinal);
        foreach (var member in roster)
        {
            if (!seen.Add(member.Id))
            {
                throw Invalid($"duplicate member id \"{member.Id}\"");
            }

            if (!original.TryGetValue(member.CellId, out var cell) || units[cell].Kind != UnitKind.Cell)
            {
                throw Invalid($"member \"{member.Id}\" is not in a known cell (\"{member.CellId}\")");
            }

            if (!byCell.TryGetValue(cell, out var list))
            {
                byCell[cell] = list = [];
            }

            list.Add(member);
        }

        return byCell;
    }

    /// <summary>kindPrefix[kind][i] counts units of that kind among the first i in depth-first order.</summary>
    private static int[][] KindPrefix(Unit[] ordered)
    {
        var kinds = Enum.GetValues<UnitKind>();
        var prefix = new int[kinds.Length][];
        for (var k = 0; k < kinds.Length; k++)
        {
            prefix[k] = new int[ordered.Length + 1];
        }

        for (var i = 0; i < ordered.Length; i++)
        {
            for (var k = 0; k < kinds.Length; k++)
            {
                prefix[k][i + 1] = prefix[k][i] + (ordered[i].Kind == kinds[k] ? 1 : 0);
            }
        }

        return prefix;
    }

    private static ArgumentException Invalid(string why) =>
        new($"The roster is not a valid tree: {why}. Run RosterValidator first.");
}
