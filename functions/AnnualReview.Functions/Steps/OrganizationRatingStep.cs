using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Functions.Steps;

/// <summary>
/// A committee rates the organizations directly below it (xếp loại tổ chức trực thuộc): committees rate their
/// grassroots organizations, the board at the root rates its committees, which finishes the cycle. The API and
/// the pages both come here, so the checks are the same: the unit is a committee or the board in the cycle and
/// in the caller's subtree, its step is open, and every level names an organization directly below it.
/// </summary>
public sealed class OrganizationRatingStep(CycleDirectory cycles, ReviewAccess access, ReviewCommands commands)
{
    /// <summary>The committee, the organizations directly below it and the step's state, or why the caller may not see them.</summary>
    public async Task<(OrganizationRatingTarget? Target, StepRefusal? Refusal)> FindAsync(Caller caller, string cycleId, string committeeId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        (CycleInfo? cycle, StepRefusal? refusal) = await cycles.FindAsync(cycleId, cancellation);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        (Unit? committee, refusal) = await access.UnitAsync(cycle!, committeeId, caller, cancellation, UnitKind.Committee, UnitKind.OrganizationBoard);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        List<Unit> below = [.. (await access.Roster.GetChildrenAsync(committeeId, cancellation))
            .Where(u => u.Kind is UnitKind.Committee or UnitKind.GrassrootsOrganization)
            .OrderBy(u => u.Name, StringComparer.CurrentCulture)];
        UnitStep? step = await cycles.StepAsync(cycleId, committeeId, cancellation);
        return (new OrganizationRatingTarget(cycle!, committee!, below, step), null);
    }

    /// <summary>
    /// Whether an earlier attempt of this request already sent the levels: the step has then moved on because of
    /// it, and the retry is answered as accepted rather than told the step is closed.
    /// </summary>
    public Task<bool> AlreadyRatedAsync(string cycleId, string committeeId, CommandRequest? request, CancellationToken cancellation)
        => commands.AlreadyRaisedAsync(CycleInstanceIds.Unit(cycleId, committeeId), EventNames.OrganizationsRated, request, cancellation);

    /// <summary>Checks and sends the levels; nothing is sent when anything is wrong.</summary>
    public async Task<(OrganizationRatingsView? Rated, StepRefusal? Refusal)> RateAsync(
        Caller caller, string cycleId, string committeeId, IReadOnlyDictionary<string, string?>? levels, CommandRequest? request, CancellationToken cancellation)
    {
        (OrganizationRatingTarget? target, StepRefusal? refusal) = await FindAsync(caller, cycleId, committeeId, cancellation);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        if (!target!.Open && !await AlreadyRatedAsync(cycleId, committeeId, request, cancellation))
        {
            return (null, CycleDirectory.NotOpen(target.Step, "committeeId", "Xếp loại tổ chức", "Rating organizations"));
        }

        var below = target.Below.ToDictionary(u => u.Id, StringComparer.Ordinal);
        var errors = new List<ValidationError>();
        var rated = new Dictionary<string, RatingLevel>(StringComparer.Ordinal);
        if (levels is not { Count: > 0 })
        {
            errors.Add(MeetingRequest.Required("levels", "Mức xếp loại các tổ chức", "The organizations' levels"));
        }

        foreach (var (unitId, text) in levels ?? new Dictionary<string, string?>())
        {
            if (!below.ContainsKey(unitId))
            {
                errors.Add(new ValidationError("NotDirectlyBelow", $"levels.{unitId}",
                    $"{unitId} không phải tổ chức trực thuộc {target.Committee.Name}.", $"{unitId} is not an organization directly below {target.Committee.Name}."));
                continue;
            }

            rated[unitId] = SelfReviewUpload.ReadLevel(text, $"levels.{unitId}", errors);
        }

        if (errors.Count > 0)
        {
            return (null, StepRefusal.Invalid(errors));
        }

        await commands.RateOrganizationsAsync(cycleId, committeeId, new OrganizationsRated(rated, caller.Actor), request, cancellation);
        return (new OrganizationRatingsView(committeeId, rated), null);
    }
}

/// <summary>A committee in a cycle, with the organizations it rates and where its step stands.</summary>
public sealed record OrganizationRatingTarget(CycleInfo Cycle, Unit Committee, IReadOnlyList<Unit> Below, UnitStep? Step)
{
    public bool Open => Step is { Running: true, Stage: "rating-organizations" };
}
