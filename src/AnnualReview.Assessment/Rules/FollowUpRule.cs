namespace AnnualReview.Assessment.Rules;

/// <summary>What must follow a Not completed rating (chi bộ giáo dục, giúp đỡ).</summary>
public sealed record FollowUpRule(string NameVi, string NameEn, string Source, bool Confirmed);
