using AnnualReview.Functions.Idempotency;
using Microsoft.Azure.Functions.Worker;

namespace AnnualReview.FunctionApp.Background;

/// <summary>Retention under the Functions host: expired idempotency records are swept once an hour.</summary>
public sealed class RetentionFunctions(IdempotencyKeySweep sweep)
{
    public const string Schedule = "0 45 * * * *";

    [Function("Retention")]
    public Task Run([TimerTrigger(Schedule)] TimerInfo timer, FunctionContext function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return sweep.RunOnceAsync(function.CancellationToken);
    }
}
