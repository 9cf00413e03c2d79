using Microsoft.DurableTask;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Workflows.Orchestrators;

/// <summary>What a finished cycle reports.</summary>
public sealed record CycleOutcome(string CycleId, UnitOutcome Root, IReadOnlyList<string> Reports);

/// <summary>The year's cycle for a subtree: runs the tree of unit orchestrations and writes the final report.</summary>
public sealed class CycleOrchestrator : TaskOrchestrator<CycleInput, CycleOutcome>
{
    public override async Task<CycleOutcome> RunAsync(TaskOrchestrationContext context, CycleInput input)
    {
        context.SetCustomStatus(new { stage = "running", input.Year, input.RuleSetId });
        UnitOutcome root = await context.CallSubOrchestratorAsync<UnitOutcome>(
            WorkflowNames.Of(WorkflowNames.Committee, input.WorkflowVersion),
            new UnitInput(input.For(input.RootUnitId), input.RootUnitId),
            new SubOrchestrationOptions { InstanceId = CycleInstanceIds.Unit(input.CycleId, input.RootUnitId) });
        ReportResult report = await context.CallActivityAsync<ReportResult>(WorkflowNames.WriteReport, new ReportInput(input.CycleId, input.RootUnitId, Final: true));
        context.SetCustomStatus(new { stage = "completed", members = root.Members, report = report.Blobs });
        return new CycleOutcome(input.CycleId, root, report.Blobs);
    }
}
