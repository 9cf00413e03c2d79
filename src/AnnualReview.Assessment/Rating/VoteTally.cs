namespace AnnualReview.Assessment.Rating;

/// <summary>
/// The meeting's result for one member. Usually the secret-ballot count (kết quả biểu quyết): votes per
/// proposed level, never who voted what. Under a rule set that scores points, the meeting may instead record
/// the points it agreed for the member (<see cref="Points"/>), and the level follows the rule set's bands; the
/// vote counts are then all zero. The member may be probationary; the voters are always full members.
/// </summary>
public sealed record VoteTally(string MemberId, int Excellent, int Good, int Completed, int NotCompleted)
{
    public int Total => Excellent + Good + Completed + NotCompleted;

    /// <summary>The points the meeting agreed, in place of votes; null for a vote count.</summary>
    public PointsAssessment? Points { get; init; }
}
