using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;

namespace AnnualReview.Functions.Steps;

/// <summary>
/// Who may submit a member's self-review: the member, or the secretary of the member's cell once the cell's
/// self-review step was handed over for that member (the cell's status lists them in <c>handedOverMembers</c>).
/// Anyone else is refused the same way by the API and the page.
/// </summary>
public sealed class SelfReviewSubmitterStep(CycleDirectory cycles)
{
    /// <summary>The list in the cell's custom status naming the members handed over to its secretary.</summary>
    public const string HandedOverList = "handedOverMembers";

    public static StepRefusal NotYours { get; } = StepRefusal.Of(ProblemKind.Forbidden, "memberId",
        "Chỉ chính đảng viên, hoặc bí thư chi bộ khi việc nộp đã được giao lại, mới nộp được bản tự kiểm điểm này.",
        "Only the member, or the cell's secretary once the step was handed over for them, may submit this self-review.");

    public async Task<StepRefusal?> CheckAsync(Caller caller, string cycleId, Member member, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(member);
        if (IsTheMember(caller, member.Id))
        {
            return null;
        }

        // The secretary of this very cell only: a committee above it may read the review but not write it.
        if (!caller.Is(AppRoles.CellSecretary) || !string.Equals(caller.UnitId, member.CellId, StringComparison.Ordinal))
        {
            return NotYours;
        }

        UnitStep? step = await cycles.StepAsync(cycleId, member.CellId, cancellation);
        return step is not null && MaySubmitFor(caller, step, member) ? null : NotYours;
    }

    /// <summary>Whether the cell's secretary may submit for this member: what the meeting page offers as "Nộp thay".</summary>
    public static bool MaySubmitFor(Caller caller, UnitStep cellStep, Member member)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(cellStep);
        ArgumentNullException.ThrowIfNull(member);
        return caller.Is(AppRoles.CellSecretary) && string.Equals(caller.UnitId, member.CellId, StringComparison.Ordinal)
            && cellStep.Lists(HandedOverList, member.Id);
    }

    /// <summary>Who the version says submitted it: the member's id, or the secretary, so the cell sees it was done on their behalf.</summary>
    public static string SubmittedBy(Caller caller, string memberId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return IsTheMember(caller, memberId) ? memberId : caller.Actor;
    }

    public static bool IsTheMember(Caller caller, string memberId)
        => caller is not null && caller.Is(AppRoles.Member) && string.Equals(caller.MemberId, memberId, StringComparison.Ordinal);
}
