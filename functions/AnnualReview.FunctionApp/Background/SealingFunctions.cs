using AnnualReview.TaskHub.Sealing;
using Microsoft.Azure.Functions.Worker;

namespace AnnualReview.FunctionApp.Background;

/// <summary>
/// History sealing under the Functions host. A message per stepped instance seals its new events; while it finds
/// new ones it asks again, as the standalone sealer keeps an instance marked until a sweep finds nothing new. An
/// hourly pass over the Instances table finds what a lost message or a stopped instance left.
/// </summary>
public sealed class SealingFunctions(HistorySealer sealer, WorkQueues queues, TimeProvider clock)
{
    public const string CatchUpSchedule = "0 0 * * * *";

    [Function("SealHistory")]
    public async Task SealHistory([QueueTrigger(WorkQueues.SealingTrigger)] string instanceId, FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (await sealer.SealAsync(instanceId, function.CancellationToken) > 0)
        {
            await queues.SendSealingAsync(instanceId, SealingRequests.Delay, function.CancellationToken);
        }
    }

    [Function("SealingCatchUp")]
    public async Task CatchUp([TimerTrigger(CatchUpSchedule)] TimerInfo timer, FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(function);

        // Overlaps the previous pass by a few minutes: an instance updated as it ran is found again, and sealing twice writes nothing new.
        DateTimeOffset since = (timer?.ScheduleStatus?.Last is { } last && last != default ? new DateTimeOffset(last) : clock.GetUtcNow() - TimeSpan.FromHours(1)) - TimeSpan.FromMinutes(5);
        await sealer.MarkUpdatedSinceAsync(since, function.CancellationToken);
        await sealer.SweepAsync(function.CancellationToken);
    }
}
