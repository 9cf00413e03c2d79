using AnnualReview.FunctionApp.Background;
using AnnualReview.Workflows;
using AnnualReview.Workflows.Activities;
using AnnualReview.Workflows.Contracts;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.FunctionApp.Workflows;

/// <summary>
/// One function per activity the standalone host registers, under the same name: each makes the shared activity
/// class with the app's services, as the standalone worker does, and runs it with the instance that called it.
/// The two that write the notification outbox wake the delivery function when they are done.
/// </summary>
public sealed class ActivityFunctions(DeliveryWakeUps delivery)
{
    [Function(WorkflowNames.LoadUnit)]
    public static Task<UnitContext> LoadUnit([ActivityTrigger] UnitInput input, string instanceId, FunctionContext function)
        => Run<LoadUnitActivity, UnitInput, UnitContext>(WorkflowNames.LoadUnit, input, instanceId, function);

    [Function(WorkflowNames.LoadCell)]
    public static Task<CellRoster> LoadCell([ActivityTrigger] UnitInput input, string instanceId, FunctionContext function)
        => Run<LoadCellActivity, UnitInput, CellRoster>(WorkflowNames.LoadCell, input, instanceId, function);

    [Function(WorkflowNames.Notify)]
    public async Task<int> Notify([ActivityTrigger] List<NotificationRequest> input, string instanceId, FunctionContext function)
    {
        int written = await Run<NotifyActivity, List<NotificationRequest>, int>(WorkflowNames.Notify, input, instanceId, function);
        await delivery.WakeAsync(function.CancellationToken);
        return written;
    }

    [Function(WorkflowNames.RecordProgress)]
    public static Task<bool> RecordProgress([ActivityTrigger] ProgressRow input, string instanceId, FunctionContext function)
        => Run<RecordProgressActivity, ProgressRow, bool>(WorkflowNames.RecordProgress, input, instanceId, function);

    [Function(WorkflowNames.RecordMemberStages)]
    public static Task<bool> RecordMemberStages([ActivityTrigger] MemberStageRows input, string instanceId, FunctionContext function)
        => Run<RecordMemberStagesActivity, MemberStageRows, bool>(WorkflowNames.RecordMemberStages, input, instanceId, function);

    [Function(WorkflowNames.RecordLate)]
    public static Task<bool> RecordLate([ActivityTrigger] LateEntry input, string instanceId, FunctionContext function)
        => Run<RecordLateActivity, LateEntry, bool>(WorkflowNames.RecordLate, input, instanceId, function);

    [Function(WorkflowNames.FinalizeMembers)]
    public async Task<FinalizeResult> FinalizeMembers([ActivityTrigger] FinalizeInput input, string instanceId, FunctionContext function)
    {
        FinalizeResult result = await Run<FinalizeMembersActivity, FinalizeInput, FinalizeResult>(WorkflowNames.FinalizeMembers, input, instanceId, function);
        await delivery.WakeAsync(function.CancellationToken);
        return result;
    }

    [Function(WorkflowNames.WriteReport)]
    public static Task<ReportResult> WriteReport([ActivityTrigger] ReportInput input, string instanceId, FunctionContext function)
        => Run<WriteReportActivity, ReportInput, ReportResult>(WorkflowNames.WriteReport, input, instanceId, function);

    [Function(WorkflowNames.ApplyReRating)]
    public static Task<ReRatingOutcome> ApplyReRating([ActivityTrigger] ReRatingInput input, string instanceId, FunctionContext function)
        => Run<ApplyReRatingActivity, ReRatingInput, ReRatingOutcome>(WorkflowNames.ApplyReRating, input, instanceId, function);

    private static Task<TOutput> Run<TActivity, TInput, TOutput>(string name, TInput input, string instanceId, FunctionContext function)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(function);
        TActivity activity = ActivatorUtilities.CreateInstance<TActivity>(function.InstanceServices);
        return activity.RunAsync(new FunctionActivityContext(name, instanceId), input);
    }
}
