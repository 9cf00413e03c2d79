namespace AnnualReview.Assessment.Cycle;

/// <summary>
/// The due date of every step (hạn của từng bước). A date means the whole of that day in the cycle's time
/// zone: the step is late from midnight at its end.
/// </summary>
public sealed record StepDueDates(
    DateOnly SelfReview,
    DateOnly CellMeeting,
    DateOnly GrassrootsDecision,
    DateOnly CommitteeDecision,
    DateOnly BoardReport)
{
    public DateOnly For(CycleStep step) => step switch
    {
        CycleStep.SelfReview => SelfReview,
        CycleStep.CellMeeting => CellMeeting,
        CycleStep.GrassrootsDecision => GrassrootsDecision,
        CycleStep.CommitteeDecision => CommitteeDecision,
        CycleStep.BoardReport => BoardReport,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown step."),
    };
}
