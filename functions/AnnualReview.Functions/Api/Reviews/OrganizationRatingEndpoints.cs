using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Idempotency;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Steps;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>Levels for the organizations directly below a committee, by unit id.</summary>
public sealed record OrganizationRatingsRequest(Dictionary<string, string>? Levels);

public sealed record OrganizationRatingsView(string CommitteeId, IReadOnlyDictionary<string, RatingLevel> Levels);

/// <summary>A committee (or the board at the root) rates the organizations directly below it; the rules are <see cref="OrganizationRatingStep"/>'s.</summary>
internal sealed class OrganizationRatingEndpoints(OrganizationRatingStep step)
{
    public void Map(RouteGroupBuilder api)
    {
        api.MapPost("/cycles/{cycleId}/committees/{committeeId}/organization-ratings", RateAsync)
            .RequireAuthorization(p => p.RequireRole(AppRoles.Committee, AppRoles.OrganizationBoard))
            .Accepts<OrganizationRatingsRequest>("application/json")
            .WithName("RateOrganizations")
            .WithSummary("Xếp loại các tổ chức trực thuộc / Rate the organizations directly below")
            .Produces<OrganizationRatingsView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private async Task<IResult> RateAsync(HttpContext context, string cycleId, string committeeId)
    {
        Caller caller = Caller.From(context.User);
        (OrganizationRatingTarget? target, StepRefusal? refusal) = await step.FindAsync(caller, cycleId, committeeId, context.RequestAborted);
        if (refusal is not null)
        {
            return refusal.ToProblem(context);
        }

        if (!target!.Open && !await step.AlreadyRatedAsync(cycleId, committeeId, RequestKeys.FromApi(context), context.RequestAborted))
        {
            return CycleDirectory.NotOpen(context, target.Step, "committeeId", "Xếp loại tổ chức", "Rating organizations");
        }

        (OrganizationRatingsRequest? body, IResult? bad) = await JsonBody.ReadAsync<OrganizationRatingsRequest>(context);
        if (bad is not null)
        {
            return bad;
        }

        (OrganizationRatingsView? rated, refusal) = await step.RateAsync(caller, cycleId, committeeId,
            body!.Levels?.ToDictionary(l => l.Key, l => (string?)l.Value, StringComparer.Ordinal), RequestKeys.FromApi(context), context.RequestAborted);
        return refusal is not null ? refusal.ToProblem(context) : ReviewResults.Accepted(context, null, rated!);
    }
}
