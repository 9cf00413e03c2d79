using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Functions.Steps;

/// <summary>A cell whose meeting a committee may hand to a deputy, with its members and where its step stands.</summary>
public sealed record DeputyTarget(CycleInfo Cycle, Unit Cell, IReadOnlyList<Member> Members, UnitStep? Step)
{
    /// <summary>The meeting is late and was escalated, and is not recorded yet: the only time a deputy is named.</summary>
    public bool Open => Step is { Running: true, Stage: "meeting" } && Step.Flag(MeetingEscalatedFlag);

    public string? Deputy => Step?.Text(CellActorStep.DeputyField);

    public const string MeetingEscalatedFlag = "meetingEscalated";
}

public sealed record DeputyView(string CellId, string MemberId, string MemberName, bool Assigned);

/// <summary>
/// Journey 3, a late cell: once the cell's meeting has been escalated, a committee above the cell names one of the
/// cell's full members (the deputy secretary) to record the meeting; that member may then act for the cell
/// (<see cref="CellActorStep"/>). The API and the committee's page both come here.
/// </summary>
public sealed class DeputyStep(CycleDirectory cycles, ReviewAccess access, ReviewCommands commands)
{
    /// <summary>How long naming waits for the cell to take it, so the answer can say the deputy may start.</summary>
    private static readonly TimeSpan TakenWait = TimeSpan.FromSeconds(5);

    public static readonly ProblemKind NotEscalated = new("meeting-not-escalated", 409,
        "Cuộc họp chi bộ chưa trễ hạn và chưa được báo cáo lên", "The cell's meeting is not late and has not been escalated");

    /// <summary>The cell and its members, or why the caller may not name its deputy.</summary>
    public async Task<(DeputyTarget? Target, StepRefusal? Refusal)> FindAsync(Caller caller, string cycleId, string cellId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        // A secretary's subtree holds their own cell, but naming a stand-in is the committee's call, not theirs.
        if (!caller.IsAny(AppRoles.Committee, AppRoles.Admin))
        {
            return (null, StepRefusal.Of(ProblemKind.Forbidden, "cellId",
                "Chỉ cấp ủy cấp trên mới giao được người ghi biên bản thay.", "Only a committee above the cell may name a deputy."));
        }

        (CycleInfo? cycle, StepRefusal? refusal) = await cycles.FindAsync(cycleId, cancellation);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        (Unit? cell, refusal) = await access.UnitAsync(cycle!, cellId, caller, cancellation, UnitKind.Cell);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        List<Member> members = [.. (await access.Roster.GetCellMembersAsync(cellId, cancellation)).OrderBy(m => m.FullName, StringComparer.CurrentCulture)];
        return (new DeputyTarget(cycle!, cell!, members, await cycles.StepAsync(cycleId, cellId, cancellation)), null);
    }

    /// <summary>Who may be named: a full member of the cell in activity (not exempt, not suspended).</summary>
    public static bool Eligible(Member member) => member is { Membership: MembershipKind.Full, Standing: MemberStanding.Active };

    /// <summary>Checks and names the deputy; nothing is sent when anything is wrong.</summary>
    public async Task<(DeputyView? Named, StepRefusal? Refusal)> AssignAsync(Caller caller, string cycleId, string cellId, string? memberId, CommandRequest? request, CancellationToken cancellation)
    {
        (DeputyTarget? target, StepRefusal? refusal) = await FindAsync(caller, cycleId, cellId, cancellation);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        bool retried = await commands.AlreadyRaisedAsync(CycleInstanceIds.Unit(cycleId, cellId), EventNames.DeputyAssigned, request, cancellation);
        if (!target!.Open && !retried)
        {
            return (null, target.Step is { Running: true, Stage: "self-review" or "meeting" }
                ? StepRefusal.Of(NotEscalated, "cellId",
                    "Chỉ giao người ghi biên bản thay khi cuộc họp chi bộ đã quá hạn và được báo cáo lên cấp ủy.",
                    "A deputy is named only once the cell's meeting is overdue and was escalated to the committee.")
                : CycleDirectory.NotOpen(target.Step, "cellId", "Giao người ghi biên bản", "Naming a deputy"));
        }

        string id = memberId?.Trim() ?? "";
        if (id.Length == 0)
        {
            return (null, StepRefusal.Invalid([MeetingRequest.Required("memberId", "Người được giao", "The deputy")]));
        }

        Member? member = target.Members.FirstOrDefault(m => m.Id == id);
        if (member is null || !Eligible(member))
        {
            return (null, StepRefusal.Invalid([new ValidationError(member is null ? "NotACellMember" : "NotAFullMember", "memberId",
                member is null ? $"{id} không phải đảng viên của {target.Cell.Name}." : $"{member.FullName} không phải đảng viên chính thức đang sinh hoạt.",
                member is null ? $"{id} is not a member of {target.Cell.Name}." : $"{member.FullName} is not a full member in activity.")]));
        }

        await commands.AssignDeputyAsync(cycleId, cellId, new DeputyAssigned(member.Id, caller.Actor), request, cancellation);
        bool taken = await cycles.WaitForAsync(cycleId, cellId, s => s.Text(CellActorStep.DeputyField) == member.Id || !s.Running, TakenWait, cancellation);
        return (new DeputyView(cellId, member.Id, member.FullName, taken), null);
    }
}
