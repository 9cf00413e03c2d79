namespace AnnualReview.Assessment.Reports;

/// <summary>
/// A step that finished late or is still open past its due date (báo cáo chậm): the chain of reminders and
/// escalations shows the board who was told and when.
/// </summary>
/// <param name="UnitId">The unit responsible.</param>
/// <param name="UnitName">Its name.</param>
/// <param name="Step">The step, as the cycle names it (e.g. "cell-meeting").</param>
/// <param name="Due">The step's due date.</param>
/// <param name="DaysLate">Whole days past the due date.</param>
/// <param name="RemindedAt">When reminders went out, in the time zone the caller wants shown.</param>
/// <param name="EscalatedTo">Who the step was escalated to last; null when it was not.</param>
public sealed record LateReportRow(
    string UnitId,
    string UnitName,
    string Step,
    DateOnly Due,
    int DaysLate,
    IReadOnlyList<DateTimeOffset> RemindedAt,
    string? EscalatedTo);
