using System.Text.Json;
using AnnualReview.Assessment.Model;
using Microsoft.DurableTask;
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
        var watch = new DeadlineWatch(context, input.Cycle.Clock);
        UnitContext unit = await context.CallActivityAsync<UnitContext>(WorkflowNames.LoadUnit, input);
        string cycleId = input.Cycle.CycleId;
        List<Task<UnitOutcome>> runs = await SubtreeStarts.StartAsync<UnitOutcome>(context, unit.Children
            .Where(c => c.Kind is UnitKind.Committee or UnitKind.GrassrootsOrganization)
            .Select(c => (
                WorkflowNames.Of(c.Kind == UnitKind.Committee ? WorkflowNames.Committee : WorkflowNames.Grassroots, input.Cycle.WorkflowVersion),
                new UnitInput(input.Cycle.For(c.Id), c.Id),
                CycleInstanceIds.Unit(cycleId, c.Id))));
        SubtreeStarts.Report(context);
        UnitOutcome[] children = await Task.WhenAll(runs);

        var levels = new Dictionary<string, RatingLevel?>(StringComparer.Ordinal);
        foreach (UnitOutcome child in children)
        {
            levels[child.UnitId] = null;
        }

        var actions = new StepActions(context, input, unit);
        StepPlan plan = input.Cycle.Plans.CommitteeDecision;
        bool rated = children.Length == 0;
        context.SetCustomStatus(new { stage = "rating-organizations", organizations = children.Length });
        await watch.RunAsync(plan, [EventNames.OrganizationsRated],
            (_, payload) =>
            {
                var decision = payload.Deserialize<OrganizationsRated>(WorkflowJson.Options)!;
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
            UpdatedAt = input.Cycle.Clock.Now(context),
        });
        return total with { LateUnits = total.LateUnits + (actions.Late ? 1 : 0) };
    }
}
