namespace AnnualReview.Assessment.Rating;

/// <summary>
/// The year-end cell meeting's record (biên bản họp chi bộ cuối năm) as far as the rating needs it. Only full
/// members vote (Điều lệ Đảng, Điều 3), so both head counts are of full members.
/// </summary>
/// <remarks>Convened (triệu tập) is the full members called to the meeting; the 07-HD thresholds are shares of it.</remarks>
public sealed record CellMeeting(
    string CellId,
    DateOnly HeldOn,
    int FullMembersConvened,
    int FullMembersPresent,
    IReadOnlyList<VoteTally> Tallies);
