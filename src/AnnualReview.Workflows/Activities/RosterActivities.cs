using AnnualReview.Assessment.Model;
using Microsoft.DurableTask;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Rules;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Workflows.Activities;

/// <summary>Reads a unit with its ancestors and children from the roster.</summary>
public sealed class LoadUnitActivity(AssessmentStorage storage) : TaskActivity<UnitInput, UnitContext>
{
    public override async Task<UnitContext> RunAsync(TaskActivityContext context, UnitInput input)
    {
        var roster = new RosterStore(storage);
        Unit unit = await roster.GetUnitAsync(input.UnitId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Unit '{input.UnitId}' is not in the roster.");
        List<Unit> ancestors = await roster.GetAncestorsAsync(unit, CancellationToken.None);
        List<Unit> children = await roster.GetChildrenAsync(unit.Id, CancellationToken.None);
        return new UnitContext(unit, ancestors, [.. children.OrderBy(c => c.Id, StringComparer.Ordinal)]);
    }
}

/// <summary>Reads a cell's members and decides, by the cycle's rule set, who is rated and in which quota group.</summary>
public sealed class LoadCellActivity(AssessmentStorage storage) : TaskActivity<UnitInput, CellRoster>
{
    public override async Task<CellRoster> RunAsync(TaskActivityContext context, UnitInput input)
    {
        UnitContext cell = await new LoadUnitActivity(storage).RunAsync(context, input);
        var roster = new RosterStore(storage);
        List<Member> members = await roster.GetCellMembersAsync(input.UnitId, CancellationToken.None);
        string grassroots = cell.Grassroots?.Id ?? cell.Unit.Id;
        var rules = CycleRules.For(input.Cycle.RuleSetId);
        return new CellRoster(cell, [.. members
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .Select(m => new CellMember(m, rules.EligibilityOf(m, input.Cycle), rules.QuotaGroupOf(m, grassroots)))]);
    }
}
