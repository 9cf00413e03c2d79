using AnnualReview.Workflows;
using DurableTask.Core;
using DurableTask.Core.Command;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;

namespace AnnualReview.Workflows.Tests.Replay;

/// <summary>
/// Replays the recorded histories of a whole cycle (every unit of the tree, and a re-rating) against the
/// current orchestrators, with DTFx's own executor: each must replay without a non-determinism error and end
/// as it ended when it was recorded.
/// </summary>
public sealed class RecordedHistoryReplayTests
{
    public static TheoryData<string> Recordings()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Replay", "Histories"), "*.json"))
        {
            foreach (RecordedInstance instance in RecordedHistory.Load(file))
            {
                data.Add($"{Path.GetFileName(file)}#{instance.InstanceId}");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Recordings))]
    public void RecordedHistory_ReplaysOnTheCurrentCode_ToTheSameEnd(string recording)
    {
        string[] parts = recording.Split('#', 2);
        RecordedInstance recorded = RecordedHistory.Load(Path.Combine(AppContext.BaseDirectory, "Replay", "Histories", parts[0])).Single(i => i.InstanceId == parts[1]);
        var orchestrators = new DurableTaskRegistry().AddAssessmentWorkflows().GetOrchestrators().ToDictionary(o => o.Key.Name, o => o.Value, StringComparer.Ordinal);
        ITaskOrchestrator orchestrator = orchestrators[recorded.Orchestrator](EmptyServices.Instance);
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = WorkflowJson.Converter });
        var state = new OrchestrationRuntimeState(RecordedHistory.Events(recorded));
        ParentInstance? parent = state.ParentInstance;
        TaskOrchestration shim = shims.CreateOrchestration(new TaskName(recorded.Orchestrator), orchestrator,
            parent is null ? null : new ParentOrchestrationInstance(new TaskName(parent.Name), parent.OrchestrationInstance.InstanceId));

        OrchestratorExecutionResult result = new TaskOrchestrationExecutor(state, shim, BehaviorOnContinueAsNew.Carryover, ErrorPropagationMode.UseFailureDetails).Execute();

        var completion = result.Actions.OfType<OrchestrationCompleteOrchestratorAction>().SingleOrDefault();
        Assert.False(completion?.OrchestrationStatus == OrchestrationStatus.Failed, $"{recorded.InstanceId}: {completion?.FailureDetails?.ErrorType}: {completion?.FailureDetails?.ErrorMessage ?? completion?.Result}");
        if (recorded.Status == "Completed")
        {
            Assert.NotNull(completion);
            Assert.Equal(recorded.Output, completion.Result);
        }
        else
        {
            Assert.Null(completion);
        }
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
