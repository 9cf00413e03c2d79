using Microsoft.DurableTask;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Workflows.Activities;

/// <summary>Writes notification requests to the inbox and the delivery outbox.</summary>
public sealed class NotifyActivity(AssessmentStorage storage) : TaskActivity<List<NotificationRequest>, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, List<NotificationRequest> input)
    {
        await new NotificationOutbox(storage).WriteAsync(input, CancellationToken.None);
        Telemetry.WorkflowMetrics.Notified(input);
        return input.Count;
    }
}

public sealed class RecordProgressActivity(AssessmentStorage storage) : TaskActivity<ProgressRow, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ProgressRow input)
    {
        await new ReadModelStore(storage).WriteProgressAsync(input, CancellationToken.None);
        Telemetry.WorkflowMetrics.StepRecorded(input);
        return true;
    }
}

public sealed class RecordMemberStagesActivity(AssessmentStorage storage) : TaskActivity<MemberStageRows, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, MemberStageRows input)
    {
        await new ReadModelStore(storage).WriteMemberStagesAsync(input, CancellationToken.None);
        return true;
    }
}

public sealed class RecordLateActivity(AssessmentStorage storage) : TaskActivity<LateEntry, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, LateEntry input)
    {
        await new ReadModelStore(storage).WriteLateAsync(input, CancellationToken.None);
        Telemetry.WorkflowMetrics.LateRecorded(input);
        return true;
    }
}
