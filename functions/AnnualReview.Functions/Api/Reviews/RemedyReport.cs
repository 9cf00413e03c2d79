using AnnualReview.Workflows.Commands;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Shortcomings;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>
/// One unit's count of last year's shortcomings as its members' self-reviews report them this year: fixed, partly
/// fixed, not fixed, of all carried; <c>awaiting</c> counts members with shortcomings carried but no self-review yet.
/// </summary>
public sealed record UnitRemedyRow(string UnitId, string UnitName, UnitKind Kind, int Members, int Fixed, int PartlyFixed, int NotFixed, int Total, int Awaiting)
{
    /// <summary>The organizations' own shortcomings: what the cells' collective reports named last year, as this year's reports mark them.</summary>
    public RemedyTally Organizations { get; init; } = RemedyTally.None;
}

/// <summary>
/// The unit and each unit directly below it. <c>firstCycle</c>: no cycle of the year before exists, so nothing was
/// carried, and <c>note</c> says so in the reader's words.
/// </summary>
public sealed record RemedyReportView(string CycleId, string UnitId, bool FirstCycle, string? Note, IReadOnlyList<UnitRemedyRow> Units);

/// <summary>
/// Counts, per unit, how many of last year's shortcomings are fixed: the figure boards say they cannot get today.
/// Counted from the members' submissions when asked, so it is bounded to a unit a page can hold.
/// </summary>
public sealed class RemedyReport(RosterStore roster, CarriedShortcomings carried, RemedyResults remedies)
{
    public const int MaxMembers = 5_000;

    public const string FirstCycleVi = "Năm đầu: không có hạn chế chuyển từ năm trước";
    public const string FirstCycleEn = "First year: no shortcomings carried from the year before";

    /// <summary>The report, or null when the unit has more than <paramref name="maxMembers"/> members.</summary>
    public async Task<RemedyReportView?> ForAsync(CycleInput cycle, Unit unit, bool english, CancellationToken cancellation, int maxMembers = MaxMembers)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(unit);
        if ((await carried.LastYearsCyclesAsync(cycle, cancellation)).Count == 0)
        {
            return new RemedyReportView(cycle.CycleId, unit.Id, true, english ? FirstCycleEn : FirstCycleVi, []);
        }

        List<Unit> parts = unit.Kind == UnitKind.Cell ? [] : await roster.GetChildrenAsync(unit.Id, cancellation);
        var membersOf = new Dictionary<string, List<Member>>(StringComparer.Ordinal);
        var cellsOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        int count = 0;
        foreach (Unit part in parts.Count == 0 ? [unit] : parts)
        {
            var cells = new List<string>();
            List<Member>? members = await MembersUnderAsync(part, maxMembers - count, cells, cancellation);
            if (members is null)
            {
                return null;
            }

            count += members.Count;
            membersOf[part.Id] = members;
            cellsOf[part.Id] = cells;
        }

        // A cell's own report is kept under its collective id, so it is counted the same way as a member's review.
        IReadOnlyDictionary<string, MemberRemedy> byMember = await remedies.ForManyAsync(cycle,
            [.. membersOf.Values.SelectMany(m => m).Select(m => m.Id), .. cellsOf.Values.SelectMany(c => c).Select(CarriedShortcomings.CollectiveId)], cancellation);
        List<UnitRemedyRow> rows = [.. (parts.Count == 0 ? [unit] : parts).Select(p => Row(p, membersOf[p.Id], byMember) with
        {
            Organizations = cellsOf[p.Id].Aggregate(RemedyTally.None, (sum, cell) => sum + byMember[CarriedShortcomings.CollectiveId(cell)].Tally),
        })];
        UnitRemedyRow whole = rows.Count == 1 && rows[0].UnitId == unit.Id ? rows[0] : Sum(unit, rows);
        return new RemedyReportView(cycle.CycleId, unit.Id, false, null, [whole, .. rows.Where(r => r.UnitId != unit.Id)]);
    }

    private static UnitRemedyRow Row(Unit unit, List<Member> members, IReadOnlyDictionary<string, MemberRemedy> byMember)
    {
        List<MemberRemedy> found = [.. members.Select(m => byMember[m.Id])];
        RemedyTally tally = found.Aggregate(RemedyTally.None, (sum, m) => sum + m.Tally);
        return new UnitRemedyRow(unit.Id, unit.Name, unit.Kind, members.Count, tally.Fixed, tally.PartlyFixed, tally.NotFixed, tally.Total, found.Count(m => m.Pending));
    }

    private static UnitRemedyRow Sum(Unit unit, List<UnitRemedyRow> rows) => new(
        unit.Id, unit.Name, unit.Kind, rows.Sum(r => r.Members), rows.Sum(r => r.Fixed), rows.Sum(r => r.PartlyFixed), rows.Sum(r => r.NotFixed), rows.Sum(r => r.Total), rows.Sum(r => r.Awaiting))
    {
        Organizations = rows.Aggregate(RemedyTally.None, (sum, r) => sum + r.Organizations),
    };

    /// <summary>Every member in the unit's subtree, or null past <paramref name="room"/>; its cells are added to <paramref name="cells"/>.</summary>
    private async Task<List<Member>?> MembersUnderAsync(Unit unit, int room, List<string> cells, CancellationToken cancellation)
    {
        var members = new List<Member>();
        var pending = new Queue<Unit>([unit]);
        while (pending.TryDequeue(out Unit? next))
        {
            if (next.Kind == UnitKind.Cell)
            {
                cells.Add(next.Id);
                members.AddRange(await roster.GetCellMembersAsync(next.Id, cancellation));
                if (members.Count > room)
                {
                    return null;
                }

                continue;
            }

            foreach (Unit child in await roster.GetChildrenAsync(next.Id, cancellation))
            {
                pending.Enqueue(child);
            }
        }

        return members;
    }
}
