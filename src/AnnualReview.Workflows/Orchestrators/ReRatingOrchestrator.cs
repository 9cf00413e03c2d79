using Microsoft.DurableTask;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Workflows.Orchestrators;

/// <summary>
/// Re-rates an earlier year (after discipline, a fault found later, or dishonesty): cancels the old rating,
/// revokes the awards based on it, and tells the member. Each of these is an event in this instance's history.
/// </summary>
public sealed class ReRatingOrchestrator : TaskOrchestrator<ReRatingInput, ReRatingOutcome>
{
    public override async Task<ReRatingOutcome> RunAsync(TaskOrchestrationContext context, ReRatingInput input)
    {
        ReRatingOutcome outcome = await context.CallActivityAsync<ReRatingOutcome>(WorkflowNames.ApplyReRating, input);
        var data = new Dictionary<string, string>
        {
            ["year"] = input.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["level"] = input.NewLevel.ToString(),
            ["cancelled"] = outcome.CancelledLevel?.ToString() ?? "",
            ["revoked"] = string.Join(", ", outcome.RevokedAwards),
            ["reason"] = input.Reason,
        };
        await context.CallActivityAsync<int>(WorkflowNames.Notify, new List<NotificationRequest>
        {
            new($"{context.InstanceId}|{Templates.AwardRevoked}", input.MemberId, outcome.RevokedAwards.Count > 0 ? Templates.AwardRevoked : Templates.FinalLevel, data)
            {
                InstanceId = context.InstanceId,
                CreatedAt = input.Clock.Now(context),
            },
        });
        context.SetCustomStatus(new { cancelled = outcome.CancelledLevel, revoked = outcome.RevokedAwards });
        return outcome;
    }
}
