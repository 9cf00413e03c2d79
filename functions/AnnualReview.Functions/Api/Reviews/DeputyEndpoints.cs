using AnnualReview.Functions.Idempotency;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Steps;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>The member named to record a late cell's meeting, by member id.</summary>
public sealed record DeputyRequest(string? MemberId);

/// <summary>A committee names a deputy to record a late cell's meeting; the rules are <see cref="DeputyStep"/>'s.</summary>
internal sealed class DeputyEndpoints(DeputyStep step)
{
    public void Map(RouteGroupBuilder api)
    {
        api.MapPost("/cycles/{cycleId}/cells/{cellId}/deputy", AssignAsync)
            .RequireAuthorization(p => p.RequireRole(AppRoles.Committee, AppRoles.Admin))
            .Accepts<DeputyRequest>("application/json")
            .WithName("AssignMeetingDeputy")
            .WithSummary("Giao đảng viên ghi biên bản họp thay bí thư khi chi bộ trễ hạn / Name a deputy to record a late cell's meeting")
            .WithDescription("Only after the cell's meeting was escalated (`meeting-not-escalated` before), by a committee above the cell; the deputy is a full member of the cell in activity. 200 once the cell has taken it (the deputy may then submit the collective review, open and record the meeting), 202 while it is taking it.")
            .Produces<DeputyView>()
            .Produces<DeputyView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private async Task<IResult> AssignAsync(HttpContext context, string cycleId, string cellId)
    {
        (DeputyRequest? body, IResult? bad) = await JsonBody.ReadAsync<DeputyRequest>(context);
        if (bad is not null)
        {
            return bad;
        }

        (DeputyView? named, StepRefusal? refusal) = await step.AssignAsync(Caller.From(context.User), cycleId, cellId, body!.MemberId, RequestKeys.FromApi(context), context.RequestAborted);
        return refusal is not null ? refusal.ToProblem(context)
            : named!.Assigned ? ReviewResults.Ok(named) : ReviewResults.Accepted(context, null, named);
    }
}
