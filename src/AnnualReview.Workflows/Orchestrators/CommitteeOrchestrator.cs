using System.Text.Json;
using AnnualReview.Assessment.Model;
using AnnualReview.Durable;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Deadlines;

namespace AnnualReview.Workflows.Orchestrators;

/// <summary>
/// A committee (or the organization board at the root): runs the organizations below it, collects their
/// results once their members are rated, and rates those organizations.
/// </summary>
public sealed class CommitteeOrchestrator : TaskOrchestrator<UnitInput, UnitOutcome>
{
    public override async Task<UnitOutcome> RunAsync(TaskOrchestrationContext context, UnitInput input)
    {
        UnitContext unit = await context.CallActivityAsync<UnitContext>(WorkflowNames.LoadUnit, input);
        string cycleId = input.Cycle.CycleId;
        UnitOutcome[] children = await Task.WhenAll(unit.Children
            .Where(c => c.Kind is UnitKind.Committee or UnitKind.GrassrootsOrganization)
            .Select(c => context.CallSubOrchestratorAsync<UnitOutcome>(
                c.Kind == UnitKind.Committee ? WorkflowNames.Committee : WorkflowNames.Grassroots,
                new UnitInput(input.Cycle.For(c.Id), c.Id),
                new SubOrchestrationOptions(instanceId: CycleInstanceIds.Unit(cycleId, c.Id)))));

        var levels = new Dictionary<string, RatingLevel?>(StringComparer.Ordinal);
        foreach (UnitOutcome child in children)
        {
            levels[child.UnitId] = null;
        }

        var actions = new StepActions(context, input, unit);
        StepPlan plan = input.Cycle.Plans.CommitteeDecision;
        bool rated = children.Length == 0;
        context.SetCustomStatus(new { stage = "rating-organizations", organizations = children.Length });
        await DeadlineWatch.RunAsync(context, plan, [EventNames.OrganizationsRated],
            (_, payload) =>
            {
                var decision = payload.Deserialize<OrganizationsRated>(DataConverter.Options)!;
                foreach (var (id, level) in decision.Levels.Where(l => levels.ContainsKey(l.Key)))
                {
                    levels[id] = level;
                }

                rated = true;
                return Task.CompletedTask;
            },
            () => rated,
            moment => actions.OnMomentAsync(moment, plan, [(unit.Unit.Id, unit.Unit.Email, unit.Unit.Name)], memberStep: false));
        await actions.ResolveLateAsync(plan);

        UnitOutcome total = UnitOutcome.Sum(unit.Unit.Id, unit.Unit.Kind, children) with { ChildLevels = levels };
        string stage = rated ? "decided" : "closed";
        context.SetCustomStatus(new { stage, organizations = children.Length, members = total.Members });
        await context.CallActivityAsync<bool>(WorkflowNames.RecordProgress, new ProgressRow(cycleId, unit.Unit.Id, unit.Unit.Name, unit.Unit.Kind, unit.Unit.ParentId, stage)
        {
            Members = total.Members,
            ByLevel = total.MemberLevels,

            // The report's "not submitted" and "not rated" columns read these, at every level of the tree.
            ByStage = new Dictionary<MemberStage, int> { [MemberStage.NotSubmitted] = total.NotSubmitted, [MemberStage.NotRated] = total.NotRated },
            LateCount = total.LateUnits,
            Escalations = actions.Escalations,
            UpdatedAt = context.CurrentUtcDateTime,
        });
        return total with { LateUnits = total.LateUnits + (actions.Late ? 1 : 0) };
    }
}
