namespace AnnualReview.Assessment.Rating;

/// <summary>
/// The secret-ballot count for one member (kết quả biểu quyết): votes per proposed level, never who voted what.
/// The member voted on may be probationary; the voters are always full members.
/// </summary>
public sealed record VoteTally(string MemberId, int Excellent, int Good, int Completed, int NotCompleted)
{
    public int Total => Excellent + Good + Completed + NotCompleted;
}
