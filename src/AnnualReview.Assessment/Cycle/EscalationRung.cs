namespace AnnualReview.Assessment.Cycle;

/// <summary>
/// One rung of the escalation ladder (báo cáo lên cấp trên khi quá hạn): <see cref="AfterDue"/> after the due
/// date, tell <see cref="Target"/>. When <see cref="HandsOver"/>, the target may also take the step over
/// (e.g. a secretary records on behalf of an absent member, a deputy records the meeting).
/// </summary>
public sealed record EscalationRung(TimeSpan AfterDue, EscalationTarget Target, bool HandsOver);
