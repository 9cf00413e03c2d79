using AnnualReview.Workflows.Activities;
using AnnualReview.Workflows.Orchestrators;
using Microsoft.DurableTask;

namespace AnnualReview.Workflows;

/// <summary>Registers the cycle's orchestrators (version 1, under their plain names) and activities.</summary>
public static class WorkflowRegistration
{
    /// <summary>The version new cycles start with.</summary>
    public const string CurrentVersion = WorkflowNames.FirstVersion;

    public static DurableTaskRegistry AddAssessmentWorkflows(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<CycleOrchestrator>(WorkflowNames.Cycle)
            .AddOrchestrator<CommitteeOrchestrator>(WorkflowNames.Committee)
            .AddOrchestrator<GrassrootsOrchestrator>(WorkflowNames.Grassroots)
            .AddOrchestrator<CellOrchestrator>(WorkflowNames.Cell)
            .AddOrchestrator<ReRatingOrchestrator>(WorkflowNames.ReRating)
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
