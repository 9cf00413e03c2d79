using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Roster;

public static partial class RosterGenerator
{
    /// <summary>
    /// A copy of the roster in which <paramref name="count"/> distinct members moved to another cell (chuyển sinh
    /// hoạt), for the re-import scenario. Nothing else changes, and member order is kept.
    /// </summary>
    public static RosterSnapshot MoveMembers(RosterSnapshot roster, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, roster.Members.Count);
        var cells = roster.Units.Where(u => u.Kind == UnitKind.Cell).Select(u => u.Id).ToArray();
        if (count > 0 && cells.Length < 2)
        {
            throw new ArgumentException("Moving members needs at least two cells.", nameof(roster));
        }

        var random = new Random(seed);
        var members = roster.Members.ToArray();
        var order = Enumerable.Range(0, members.Length).ToArray();
        for (var i = 0; i < count; i++)
        {
            // Partial Fisher–Yates: the first `count` slots become a uniform sample without repeats.
            var j = random.Next(i, order.Length);
            (order[i], order[j]) = (order[j], order[i]);
            var member = members[order[i]];
            var target = cells[random.Next(cells.Length - 1)];
            if (target == member.CellId)
            {
                target = cells[^1];
            }

            members[order[i]] = member with { CellId = target };
        }

        return new RosterSnapshot(roster.Units, members);
    }
}
