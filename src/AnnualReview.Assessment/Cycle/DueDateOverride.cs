namespace AnnualReview.Assessment.Cycle;

/// <summary>
/// A later (or earlier) due date for one unit's step, e.g. special units that finish before 15 January
/// (43-HD Mục 4). It applies to the named unit; the workflow decides whether its subtree follows.
/// </summary>
public sealed record DueDateOverride(string UnitId, CycleStep Step, DateOnly Due);
