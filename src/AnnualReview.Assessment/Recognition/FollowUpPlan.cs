namespace AnnualReview.Assessment.Recognition;

/// <summary>
/// The cell's education and help for a member rated Not completed (chi bộ giáo dục, giúp đỡ).
/// <see cref="ConsiderRemoval"/> is set when the consecutive Not completed flag was raised too.
/// </summary>
public sealed record FollowUpPlan(string MemberId, int Year, string ActionVi, string ActionEn, bool ConsiderRemoval);
