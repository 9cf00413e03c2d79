using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;

namespace AnnualReview.Functions.Steps;

/// <summary>
/// Who may act for a cell (its collective review, opening and recording its meeting): the cell's secretary, or
/// the member a committee named deputy after the meeting was escalated (the cell's status names them in
/// <c>deputy</c>). The API and the meeting page both ask here.
/// </summary>
public sealed class CellActorStep(CycleDirectory cycles, ReviewAccess access)
{
    /// <summary>The field of the cell's custom status naming the deputy.</summary>
    public const string DeputyField = "deputy";

    /// <summary>The roles that may reach a cell's own steps; a member only as the named deputy.</summary>
    public static readonly string[] Roles = [AppRoles.CellSecretary, AppRoles.Member];

    public static StepRefusal NotTheSecretary { get; } = StepRefusal.Of(ProblemKind.Forbidden, "cellId",
        "Chỉ bí thư chi bộ, hoặc người được cấp ủy giao ghi biên bản thay khi cuộc họp trễ hạn, mới làm được việc này.",
        "Only the cell's secretary, or the member a committee named to stand in after the meeting was escalated, may do this.");

    /// <summary>The cycle and the cell, or why the caller may not act for it.</summary>
    public async Task<(CycleInfo? Cycle, Unit? Cell, StepRefusal? Refusal)> FindAsync(Caller caller, string cycleId, string cellId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        (CycleInfo? cycle, StepRefusal? refusal) = await cycles.FindAsync(cycleId, cancellation);
        if (refusal is not null)
        {
            return (null, null, refusal);
        }

        (Unit? cell, refusal) = await access.UnitAsync(cycle!, cellId, caller, cancellation, UnitKind.Cell);
        if (refusal is not null)
        {
            return (null, null, refusal);
        }

        if (caller.Is(AppRoles.CellSecretary))
        {
            return (cycle, cell, null);
        }

        return IsDeputy(caller, await cycles.StepAsync(cycleId, cellId, cancellation)) ? (cycle, cell, null) : (null, null, NotTheSecretary);
    }

    /// <summary>Whether the caller is the member the cell's status names as deputy.</summary>
    public static bool IsDeputy(Caller caller, UnitStep? cellStep)
        => caller is not null && caller.Is(AppRoles.Member) && caller.MemberId is { Length: > 0 } memberId
            && cellStep?.Text(DeputyField) == memberId;
}
