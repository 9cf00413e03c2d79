using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Steps;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>
/// The checks every review endpoint makes after the role check of its policy: is the unit (or the member's
/// cell) in the caller's subtree, and inside the cycle's tree. A refusal is returned as a ready problem.
/// </summary>
public sealed class ReviewAccess(UnitScope scope, RosterStore roster)
{
    /// <summary>Roles that may read a member's review and a unit's results in their subtree; none of them changes anything there.</summary>
    public static readonly string[] Readers = [AppRoles.CellSecretary, AppRoles.Committee, AppRoles.OrganizationBoard, AppRoles.Auditor, AppRoles.Admin];

    public RosterStore Roster => roster;

    /// <summary>The unit and its ancestors (cached by the scope), or null when the unit does not exist.</summary>
    public Task<string[]?> ChainAsync(string unitId, CancellationToken cancellation) => scope.ChainAsync(unitId, cancellation);

    /// <summary>The unit when it exists, lies in the cycle's tree and in the caller's subtree, and is of one of the given kinds.</summary>
    public async Task<(Unit? Unit, IResult? Refusal)> UnitAsync(HttpContext context, CycleInfo cycle, string unitId, Caller caller, params UnitKind[] kinds)
    {
        ArgumentNullException.ThrowIfNull(context);
        (Unit? unit, StepRefusal? refusal) = await UnitAsync(cycle, unitId, caller, context.RequestAborted, kinds);
        return (unit, refusal?.ToProblem(context));
    }

    /// <summary>The same check for any door: the unit, or why the caller may not act on it.</summary>
    public async Task<(Unit? Unit, StepRefusal? Refusal)> UnitAsync(CycleInfo cycle, string unitId, Caller caller, CancellationToken cancellation, params UnitKind[] kinds)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(kinds);
        string[]? chain = await scope.ChainAsync(unitId, cancellation);
        Unit? unit = chain is null ? null : await roster.GetUnitAsync(unitId, cancellation);
        if (unit is null || !chain!.Contains(cycle.Input.RootUnitId, StringComparer.Ordinal) || (kinds.Length > 0 && !kinds.Contains(unit.Kind)))
        {
            return (null, StepRefusal.Of(ProblemKind.NotFound, "unitId",
                $"Không có đơn vị {unitId} phù hợp trong đợt {cycle.Input.CycleId}.", $"No suitable unit {unitId} in cycle {cycle.Input.CycleId}."));
        }

        return await scope.CoversAsync(caller, unitId, cancellation)
            ? (unit, null)
            : (null, StepRefusal.Of(ProblemKind.OutOfScope, "unitId"));
    }

    /// <summary>The member, found in the roster; the caller's right to them is checked by the endpoint.</summary>
    public async Task<(Member? Member, IResult? Refusal)> MemberAsync(HttpContext context, string memberId)
    {
        Member? member = await roster.GetMemberAsync(memberId, context.RequestAborted);
        return member is null
            ? (null, ApiProblem.Result(context, ProblemKind.NotFound, "memberId", $"Không có đảng viên {memberId}.", $"No member {memberId}."))
            : (member, null);
    }

    /// <summary>
    /// Whether the caller may read this member's review: the member themself, or a reader role whose subtree
    /// holds the member's cell.
    /// </summary>
    public async Task<IResult?> CanReadMemberAsync(HttpContext context, Caller caller, Member member)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(member);
        if (caller.Is(AppRoles.Member) && string.Equals(caller.MemberId, member.Id, StringComparison.Ordinal))
        {
            return null;
        }

        if (!caller.IsAny(Readers))
        {
            return ApiProblem.Result(context, ProblemKind.Forbidden, "memberId",
                "Đảng viên chỉ xem được bản kiểm điểm của chính mình.", "A member may only see their own review.");
        }

        return await scope.CoversAsync(caller, member.CellId, context.RequestAborted) ? null : ApiProblem.Result(context, ProblemKind.OutOfScope, "memberId");
    }
}
