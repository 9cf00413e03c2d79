using AnnualReview.Assessment.Model;
using Microsoft.DurableTask;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Deadlines;
using AnnualReview.Workflows.Rules;

namespace AnnualReview.Workflows.Orchestrators;

/// <summary>
/// Tổ chức cơ sở đảng: runs its cells, then its committee's appraisal and decision on every member (with the
/// quota), then recognition and follow-up, and rates its cells.
/// </summary>
public sealed class GrassrootsOrchestrator : TaskOrchestrator<UnitInput, UnitOutcome>
{
    public override async Task<UnitOutcome> RunAsync(TaskOrchestrationContext context, UnitInput input)
    {
        var watch = new DeadlineWatch(context, input.Cycle.Clock);
        UnitContext unit = await context.CallActivityAsync<UnitContext>(WorkflowNames.LoadUnit, input);
        List<Task<CellOutcome>> runs = await SubtreeStarts.StartAsync<CellOutcome>(context, unit.Children
            .Where(c => c.Kind == UnitKind.Cell)
            .Select(c => (WorkflowNames.Of(WorkflowNames.Cell, input.Cycle.WorkflowVersion), new UnitInput(input.Cycle.For(c.Id), c.Id), CycleInstanceIds.Unit(input.Cycle.CycleId, c.Id))));
        SubtreeStarts.Report(context);
        CellOutcome[] cells = await Task.WhenAll(runs);

        var appraisal = new AppraisalState(cells, CycleRules.For(input.Cycle.RuleSetId));
        var actions = new StepActions(context, input, unit);
        StepPlan plan = input.Cycle.Plans.GrassrootsDecision;
        context.SetCustomStatus(appraisal.Status("appraisal"));
        await PublishAsync(context, input, unit, appraisal, actions, "appraisal");

        await watch.RunAsync(plan, [EventNames.Appraisal],
            async (_, payload) =>
            {
                appraisal.Apply(payload);
                context.SetCustomStatus(appraisal.Status("appraisal"));
                if (appraisal.LastRefusal is { } refusal)
                {
                    await actions.NotifyAsync(Templates.AppraisalRefused, unit.Unit.Id, unit.Unit.Email,
                        new Dictionary<string, string> { ["unit"] = unit.Unit.Name, ["reason"] = refusal }, context.NewGuid().ToString("N"));
                }
            },
            () => appraisal.Finalized,
            moment => actions.OnMomentAsync(moment, plan, [(unit.Unit.Id, unit.Unit.Email, unit.Unit.Name)], memberStep: false));
        await actions.ResolveLateAsync(plan);

        List<MemberResult> results = appraisal.FinalResults();
        if (appraisal.Finalized)
        {
            await context.CallActivityAsync<FinalizeResult>(WorkflowNames.FinalizeMembers, new FinalizeInput(input.Cycle, unit.Unit, results) { Cells = appraisal.CellRatings() });
        }

        string stage = appraisal.Finalized ? "decided" : "closed";
        context.SetCustomStatus(appraisal.Status(stage));
        await PublishAsync(context, input, unit, appraisal, actions, stage);
        return new UnitOutcome(
            unit.Unit.Id,
            unit.Unit.Kind,
            Enum.GetValues<RatingLevel>().ToDictionary(l => l, l => results.Count(r => r.Final == l)),
            results.Count,
            results.Count(r => r.Stage == MemberStage.NotRated),
            results.Count(r => r.Stage == MemberStage.NotSubmitted),
            cells.Count(c => c.Late) + (actions.Late ? 1 : 0))
        {
            ChildLevels = cells.ToDictionary(c => c.CellId, c => appraisal.CellLevels.TryGetValue(c.CellId, out RatingLevel l) ? l : (RatingLevel?)null),
        };
    }

    private static Task<bool> PublishAsync(TaskOrchestrationContext context, UnitInput input, UnitContext unit, AppraisalState appraisal, StepActions actions, string stage)
    {
        List<MemberResult> results = appraisal.FinalResults();
        QuotaOutcome quota = appraisal.Quota;
        return context.CallActivityAsync<bool>(WorkflowNames.RecordProgress, new ProgressRow(input.Cycle.CycleId, unit.Unit.Id, unit.Unit.Name, unit.Unit.Kind, unit.Unit.ParentId, stage)
        {
            Members = results.Count,
            ByStage = results.GroupBy(m => m.Stage).ToDictionary(g => g.Key, g => g.Count()),
            ByLevel = appraisal.Levels().GroupBy(l => l.Level).ToDictionary(g => g.Key, g => g.Count()),
            LateCount = results.Count(m => m.Late),
            Escalations = actions.Escalations,
            QuotaMessage = quota.Ok ? null : quota.GuidanceVi,
            UpdatedAt = input.Cycle.Clock.Now(context),
        });
    }
}
