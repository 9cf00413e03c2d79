using AnnualReview.Functions.Idempotency;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>Levels for the organizations directly below a committee, by unit id.</summary>
public sealed record OrganizationRatingsRequest(Dictionary<string, string>? Levels);

public sealed record OrganizationRatingsView(string CommitteeId, IReadOnlyDictionary<string, RatingLevel> Levels);

/// <summary>A committee (or the board at the root) rates the organizations directly below it.</summary>
internal sealed class OrganizationRatingEndpoints(CycleDirectory cycles, ReviewAccess access, ReviewCommands commands)
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
        (CycleInfo? cycle, IResult? refusal) = await cycles.FindAsync(context, cycleId);
        if (refusal is null)
        {
            (_, refusal) = await access.UnitAsync(context, cycle!, committeeId, caller, UnitKind.Committee, UnitKind.OrganizationBoard);
        }

        if (refusal is not null)
        {
            return refusal;
        }

        CancellationToken cancellation = context.RequestAborted;
        UnitStep? step = await cycles.StepAsync(cycleId, committeeId, cancellation);
        if ((step is null || !step.Running || step.Stage != "rating-organizations")
            && !await commands.AlreadyRaisedAsync(CycleInstanceIds.Unit(cycleId, committeeId), EventNames.OrganizationsRated, RequestKeys.FromApi(context), cancellation))
        {
            return CycleDirectory.NotOpen(context, step, "committeeId", "Xếp loại tổ chức", "Rating organizations");
        }

        (OrganizationRatingsRequest? body, IResult? bad) = await JsonBody.ReadAsync<OrganizationRatingsRequest>(context);
        if (bad is not null)
        {
            return bad;
        }

        var below = (await access.Roster.GetChildrenAsync(committeeId, cancellation))
            .Where(u => u.Kind is UnitKind.Committee or UnitKind.GrassrootsOrganization)
            .Select(u => u.Id)
            .ToHashSet(StringComparer.Ordinal);
        var errors = new List<ValidationError>();
        var levels = new Dictionary<string, RatingLevel>(StringComparer.Ordinal);
        if (body!.Levels is not { Count: > 0 })
        {
            errors.Add(MeetingRequest.Required("levels", "Mức xếp loại các tổ chức", "The organizations' levels"));
        }

        foreach (var (unitId, text) in body.Levels ?? [])
        {
            if (!below.Contains(unitId))
            {
                errors.Add(new ValidationError("NotDirectlyBelow", $"levels.{unitId}",
                    $"{unitId} không phải tổ chức trực thuộc {committeeId}.", $"{unitId} is not an organization directly below {committeeId}."));
                continue;
            }

            levels[unitId] = SelfReviewUpload.ReadLevel(text, $"levels.{unitId}", errors);
        }

        if (errors.Count > 0)
        {
            return ApiProblem.Validation(context, errors);
        }

        await commands.RateOrganizationsAsync(cycleId, committeeId, new OrganizationsRated(levels, caller.Actor), RequestKeys.FromApi(context), cancellation);
        return ReviewResults.Accepted(context, null, new OrganizationRatingsView(committeeId, levels));
    }
}
