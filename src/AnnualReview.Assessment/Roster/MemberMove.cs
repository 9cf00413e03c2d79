namespace AnnualReview.Assessment.Roster;

/// <summary>A member who moved to another cell (chuyển sinh hoạt đảng) between two imports.</summary>
public sealed record MemberMove(string MemberId, string FromCellId, string ToCellId);
