using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Roster;

/// <summary>A whole roster at one moment (danh sách tại một thời điểm): the unit tree and the members.</summary>
public sealed record RosterSnapshot(IReadOnlyList<Unit> Units, IReadOnlyList<Member> Members);
