using AnnualReview.Assessment.Shortcomings;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Workflows.Activities;

/// <summary>
/// Last year's shortcomings fixed, added up the tree from the cells' progress rows (each cell counts its members'
/// and its own as they submit), so a report of a city costs no read beyond the progress rows it already has.
/// </summary>
internal sealed class RemedySums
{
    private readonly Dictionary<string, (RemedyTally? Members, RemedyTally? Own)> _sums = new(StringComparer.Ordinal);

    private RemedySums()
    {
    }

    public static RemedySums Of(IReadOnlyList<ProgressRow> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var sums = new RemedySums();
        var byId = progress.ToDictionary(p => p.UnitId, StringComparer.Ordinal);
        // Each cell's figures go to the cell and every unit above it that the report knows.
        foreach (ProgressRow cell in progress.Where(p => p.MembersRemedy is not null || p.OwnRemedy is not null))
        {
            for (ProgressRow? unit = cell; unit is not null; unit = unit.ParentId is { } parent ? byId.GetValueOrDefault(parent) : null)
            {
                (RemedyTally? members, RemedyTally? own) = sums._sums.GetValueOrDefault(unit.UnitId);
                sums._sums[unit.UnitId] = (Add(members, cell.MembersRemedy), Add(own, cell.OwnRemedy));
            }
        }

        return sums;
    }

    public RemedyTally? Members(string unitId) => _sums.GetValueOrDefault(unitId).Members;

    public RemedyTally? Organizations(string unitId) => _sums.GetValueOrDefault(unitId).Own;

    private static RemedyTally? Add(RemedyTally? sum, RemedyTally? more) => more is null ? sum : (sum ?? RemedyTally.None) + more;
}
