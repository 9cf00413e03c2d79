using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Api.Roster;

/// <summary>A member as the roster lists them for the people who run a unit (no phone or email).</summary>
public sealed record MemberView(string Id, string FullName, string CellId, MembershipKind Membership, DateOnly AdmittedOn, MemberStanding Standing, string? LeadershipPost)
{
    public static MemberView From(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new MemberView(member.Id, member.FullName, member.CellId, member.Membership, member.AdmittedOn, member.Standing, member.LeadershipPost);
    }
}

public sealed record UnitMembersView(UnitView Unit, IReadOnlyList<MemberView> Members);

/// <summary>
/// <c>GET /api/roster/units/{unitId}/members</c>: the members of every cell at or under a unit, for those who run
/// that part of the tree (a secretary their cell, a committee its subtree, the board all of it); members may not
/// list others. A unit too large for one answer is refused: ask for the units below it.
/// </summary>
public static class UnitMembers
{
    public const int MaxMembers = 5000;

    public static readonly string[] ReaderRoles = [AppRoles.OrganizationBoard, AppRoles.Committee, AppRoles.CellSecretary, AppRoles.Auditor, AppRoles.Admin];

    public static async Task<IResult> ListAsync(string unitId, HttpContext context, RosterStore roster, UnitScope scope, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        Unit? unit = await roster.GetUnitAsync(unitId, cancellation);
        if (unit is null)
        {
            return ApiProblem.Result(context, ProblemKind.UnknownUnit, "unitId");
        }

        if (!await scope.CoversAsync(Caller.From(context.User), unitId, cancellation))
        {
            return ApiProblem.Result(context, ProblemKind.OutOfScope, "unitId");
        }

        var members = new List<Member>();
        var pending = new Stack<Unit>([unit]);
        while (pending.TryPop(out Unit? next))
        {
            if (next.Kind == UnitKind.Cell)
            {
                members.AddRange(await roster.GetCellMembersAsync(next.Id, cancellation));
                if (members.Count > MaxMembers)
                {
                    return ApiProblem.Result(context, ReviewProblems.UnitTooLarge, "unitId",
                        $"Đơn vị có hơn {MaxMembers} đảng viên; hãy xem từng đơn vị trực thuộc.", $"The unit has more than {MaxMembers} members; list the units below it one by one.");
                }
            }

            foreach (Unit child in await roster.GetChildrenAsync(next.Id, cancellation))
            {
                pending.Push(child);
            }
        }

        return Results.Ok(new UnitMembersView(UnitView.From(unit), [.. members.OrderBy(m => m.Id, StringComparer.Ordinal).Select(MemberView.From)]));
    }
}
