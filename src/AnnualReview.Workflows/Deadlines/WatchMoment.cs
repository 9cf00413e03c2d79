using AnnualReview.Assessment.Model;

namespace AnnualReview.Workflows.Deadlines;

/// <summary>What happens at a moment of a step's deadline plan.</summary>
public enum MomentKind
{
    /// <summary>Nhắc hạn: remind whoever still owes the step.</summary>
    Reminder,

    /// <summary>The due time: from here on the step is late.</summary>
    Due,

    /// <summary>Chuyển lên cấp trên: tell the next rung of the ladder; it may take the step over.</summary>
    Escalation,

    /// <summary>The hard stop: the step closes as "not submitted" and the cycle moves on.</summary>
    HardStop,

    /// <summary>An earlier step's hard stop passing while a later step is watched: close what that step still lacks.</summary>
    CloseEarlierStep,
}

/// <summary>Who an escalation goes to.</summary>
public enum EscalationTarget
{
    /// <summary>The owner's supervisor: the cell secretary for a member, the grassroots committee for a cell.</summary>
    Supervisor,

    SuperiorCommittee,

    OrganizationBoard,
}

/// <summary>One moment of a deadline plan, in UTC, fixed when the cycle starts.</summary>
public sealed record WatchMoment(DateTime At, MomentKind Kind)
{
    /// <summary>For reminders: how long before the due time (0 on the day).</summary>
    public TimeSpan Before { get; init; }

    /// <summary>For escalations: the rung (1 for the first) and who is told.</summary>
    public int Rung { get; init; }

    public EscalationTarget? Target { get; init; }

    /// <summary>For escalations: the new owner may act for the late one (a secretary records for an absent member).</summary>
    public bool HandsOver { get; init; }
}

/// <summary>The plan of one step (self-review, cell meeting, …) at one level.</summary>
public sealed record StepPlan(string Step, DateTime Due, IReadOnlyList<WatchMoment> Moments)
{
    public DateTime HardStop => Moments.LastOrDefault(m => m.Kind == MomentKind.HardStop)?.At ?? Due;

    /// <summary>This plan with an earlier step's hard stop woven in, when that is still ahead.</summary>
    public StepPlan WithEarlierClose(StepPlan earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var close = new WatchMoment(earlier.HardStop, MomentKind.CloseEarlierStep);
        return this with { Moments = [.. Moments.Append(close).OrderBy(m => m.At).ThenBy(m => m.Kind == MomentKind.CloseEarlierStep ? 0 : 1)] };
    }
}

/// <summary>The plans a cycle pinned at its start: one per step.</summary>
public sealed record CyclePlans(StepPlan SelfReview, StepPlan CellMeeting, StepPlan GrassrootsDecision, StepPlan CommitteeDecision)
{
    /// <summary>The levels the cycle uses; carried so no orchestration reads configuration while it runs.</summary>
    public IReadOnlyList<RatingLevel> Levels { get; init; } = [RatingLevel.Excellent, RatingLevel.Good, RatingLevel.Completed, RatingLevel.NotCompleted];
}
