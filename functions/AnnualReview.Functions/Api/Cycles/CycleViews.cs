using Microsoft.DurableTask.Client;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Functions.Api.Cycles;

/// <summary>A cycle in a list.</summary>
public sealed record CycleSummary(string CycleId, int Year, string RootUnitId, string RuleSetId, string Status, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    public static CycleSummary From(CycleRecord cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        OrchestrationMetadata i = cycle.Instance;
        return new CycleSummary(cycle.Input.CycleId, cycle.Input.Year, cycle.Input.RootUnitId, cycle.Input.RuleSetId, i.RuntimeStatus.ToString(), i.CreatedAt, i.IsCompleted ? i.LastUpdatedAt : null);
    }
}

/// <summary>Totals over the units a caller sees: members by stage, late reports, escalations.</summary>
public sealed record ProgressTotals(int Members, IReadOnlyDictionary<MemberStage, int> ByStage, int LateCount, int Escalations)
{
    /// <summary>Members are counted at cells only, where they belong, so a subtree's totals are not counted twice.</summary>
    public static ProgressTotals Of(IReadOnlyCollection<ProgressRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var cells = rows.Where(r => r.Kind == AnnualReview.Assessment.Model.UnitKind.Cell).ToList();
        var byStage = cells.SelectMany(r => r.ByStage).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        return new ProgressTotals(cells.Sum(r => r.Members), byStage, rows.Sum(r => r.LateCount), rows.Sum(r => r.Escalations));
    }
}

/// <summary>A cycle's status and the progress of every unit the caller sees.</summary>
public sealed record CycleProgress(CycleSummary Cycle, string? CustomStatus, ProgressTotals Totals, IReadOnlyList<ProgressRow> Units);

/// <summary>One unit's progress and its children's.</summary>
public sealed record UnitProgress(string CycleId, ProgressRow Unit, IReadOnlyList<ProgressRow> Children);

/// <summary>The late reports the caller sees.</summary>
public sealed record LateList(string CycleId, IReadOnlyList<LateEntry> Late);
