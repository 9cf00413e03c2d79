namespace AnnualReview.Assessment.Rules;

/// <summary>
/// How a cell's secret ballot (biểu quyết) proposes a level. The current texts found do not say; the
/// shipped values are the 2011 rule (07-HD/BTCTW) as configurable defaults.
/// </summary>
public sealed record VoteThresholds(
    Sourced<VoteBasis> Basis,
    VoteThreshold Excellent,
    VoteThreshold Good,
    VoteThreshold Completed,
    VoteReading Reading);
