namespace AnnualReview.Assessment.Cycle;

/// <summary>
/// One moment a deadline watch acts on, as a UTC instant. <see cref="Offset"/> is the reminder's lead or the
/// escalation's delay; <see cref="Rung"/> (1-based), <see cref="Target"/> and <see cref="HandsOver"/> are set
/// for escalations only.
/// </summary>
public sealed record DeadlineMoment(
    DeadlineMomentKind Kind,
    DateTimeOffset At,
    TimeSpan Offset,
    int Rung = 0,
    EscalationTarget? Target = null,
    bool HandsOver = false);
