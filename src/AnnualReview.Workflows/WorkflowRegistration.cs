using AnnualReview.Durable;
using AnnualReview.Workflows.Activities;
using AnnualReview.Workflows.Orchestrators;

namespace AnnualReview.Workflows;

/// <summary>Registers the cycle's orchestrators (as version "1") and activities with the engine.</summary>
public static class WorkflowRegistration
{
    public const string CurrentVersion = "1";

    public static DurableTaskRegistry AddAssessmentWorkflows(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<CycleOrchestrator>(WorkflowNames.Cycle, CurrentVersion)
            .AddOrchestrator<CommitteeOrchestrator>(WorkflowNames.Committee, CurrentVersion)
            .AddOrchestrator<GrassrootsOrchestrator>(WorkflowNames.Grassroots, CurrentVersion)
            .AddOrchestrator<CellOrchestrator>(WorkflowNames.Cell, CurrentVersion)
            .AddOrchestrator<ReRatingOrchestrator>(WorkflowNames.ReRating, CurrentVersion)
            .AddActivity<LoadUnitActivity>(WorkflowNames.LoadUnit)
            .AddActivity<LoadCellActivity>(WorkflowNames.LoadCell)
            .AddActivity<NotifyActivity>(WorkflowNames.Notify)
            .AddActivity<RecordProgressActivity>(WorkflowNames.RecordProgress)
            .AddActivity<RecordMemberStagesActivity>(WorkflowNames.RecordMemberStages)
            .AddActivity<RecordLateActivity>(WorkflowNames.RecordLate)
            .AddActivity<FinalizeMembersActivity>(WorkflowNames.FinalizeMembers)
            .AddActivity<WriteReportActivity>(WorkflowNames.WriteReport)
            .AddActivity<ApplyReRatingActivity>(WorkflowNames.ApplyReRating);
    }
}
