using AnnualReview.FunctionApp.Background;
using AnnualReview.Workflows;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Orchestrators;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AnnualReview.FunctionApp.Workflows;

/// <summary>
/// One function per orchestrator the standalone host registers (<c>AddAssessmentWorkflows</c>), under the same
/// name, each handing its context to the shared class. The Durable extension in the host runs the engine and calls
/// these for every step; what they run is the code the standalone host runs.
/// </summary>
public sealed class OrchestratorFunctions(SealingRequests sealing)
{
    [Function(WorkflowNames.Cycle)]
    public Task<CycleOutcome> Cycle([OrchestrationTrigger] TaskOrchestrationContext context)
        => Run(new CycleOrchestrator(), context);

    [Function(WorkflowNames.Committee)]
    public Task<UnitOutcome> Committee([OrchestrationTrigger] TaskOrchestrationContext context)
        => Run(new CommitteeOrchestrator(), context);

    [Function(WorkflowNames.Grassroots)]
    public Task<UnitOutcome> Grassroots([OrchestrationTrigger] TaskOrchestrationContext context)
        => Run(new GrassrootsOrchestrator(), context);

    [Function(WorkflowNames.Cell)]
    public Task<CellOutcome> Cell([OrchestrationTrigger] TaskOrchestrationContext context)
        => Run(new CellOrchestrator(), context);

    [Function(WorkflowNames.ReRating)]
    public Task<ReRatingOutcome> ReRating([OrchestrationTrigger] TaskOrchestrationContext context)
        => Run(new ReRatingOrchestrator(), context);

    private Task<TOutput> Run<TInput, TOutput>(TaskOrchestrator<TInput, TOutput> orchestrator, TaskOrchestrationContext context)
    {
        // Only remembered here (no I/O in an orchestrator): the step this call makes is sealed after the host commits it.
        sealing.Request(context.InstanceId);
        return orchestrator.RunAsync(context, context.GetInput<TInput>()!);
    }
}
