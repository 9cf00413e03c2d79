using AnnualReview.Assessment.Model;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Web;

/// <summary>Counts of one unit's subtree: members by stage and by level, late members, escalations.</summary>
public sealed record SubtreeCounts(int Members, IReadOnlyDictionary<MemberStage, int> ByStage, IReadOnlyDictionary<RatingLevel, int> ByLevel, int Late, int Escalations)
{
    public int Stage(MemberStage stage) => ByStage.GetValueOrDefault(stage);
}

/// <summary>
/// The cycle's progress rows as the party tree. Cells count their members until their grassroots organization has
/// decided; from then the organization's row holds the final levels of the same members, so it is used instead.
/// </summary>
public sealed class ProgressTree
{
    private readonly Dictionary<string, ProgressRow> _rows;
    private readonly ILookup<string, ProgressRow> _children;

    public ProgressTree(IEnumerable<ProgressRow> rows)
    {
        _rows = rows.ToDictionary(r => r.UnitId, StringComparer.Ordinal);
        _children = _rows.Values.Where(r => r.ParentId is not null).ToLookup(r => r.ParentId!, StringComparer.Ordinal);
    }

    /// <summary>
    /// The cycle's rows, with the units above them that have not written a row yet (committees write theirs at
    /// the end) filled in from the roster, so the tree always reaches the root.
    /// </summary>
    public static async Task<ProgressTree> LoadAsync(ReadModelStore reads, RosterStore roster, string cycleId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(roster);
        var rows = (await reads.ReadProgressAsync(cycleId, cancellation)).ToDictionary(r => r.UnitId, StringComparer.Ordinal);
        var missing = new Queue<string>(rows.Values.Where(r => r.ParentId is not null && !rows.ContainsKey(r.ParentId)).Select(r => r.ParentId!).Distinct(StringComparer.Ordinal));
        while (missing.Count > 0)
        {
            string id = missing.Dequeue();
            if (rows.ContainsKey(id) || await roster.GetUnitAsync(id, cancellation) is not { } unit)
            {
                continue;
            }

            rows[id] = new ProgressRow(cycleId, unit.Id, unit.Name, unit.Kind, unit.ParentId, "");
            if (unit.ParentId is { } parent && !rows.ContainsKey(parent))
            {
                missing.Enqueue(parent);
            }
        }

        return new ProgressTree(rows.Values);
    }

    public ProgressRow? Row(string unitId) => _rows.GetValueOrDefault(unitId);

    public IEnumerable<ProgressRow> Children(string unitId) => _children[unitId].OrderBy(r => r.UnitName, StringComparer.CurrentCulture);

    public bool Contains(string ancestorId, string unitId)
    {
        for (string? at = unitId; at is not null; at = _rows.GetValueOrDefault(at)?.ParentId)
        {
            if (at == ancestorId)
            {
                return true;
            }
        }

        return false;
    }

    public SubtreeCounts Counts(string unitId)
    {
        ProgressRow? row = Row(unitId);
        if (row is not null && (row.Kind == UnitKind.Cell || (row.Kind == UnitKind.GrassrootsOrganization && row.Stage is "decided" or "closed")))
        {
            int escalations = row.Escalations + (row.Kind == UnitKind.Cell ? 0 : _children[unitId].Sum(c => c.Escalations));
            return new SubtreeCounts(row.Members, row.ByStage, row.ByLevel, row.LateCount, escalations);
        }

        var parts = Children(unitId).Select(c => Counts(c.UnitId)).ToList();
        return new SubtreeCounts(
            parts.Sum(p => p.Members),
            Enum.GetValues<MemberStage>().ToDictionary(s => s, s => parts.Sum(p => p.Stage(s))),
            Enum.GetValues<RatingLevel>().ToDictionary(l => l, l => parts.Sum(p => p.ByLevel.GetValueOrDefault(l))),
            parts.Sum(p => p.Late),
            parts.Sum(p => p.Escalations) + (row?.Escalations ?? 0));
    }
}
