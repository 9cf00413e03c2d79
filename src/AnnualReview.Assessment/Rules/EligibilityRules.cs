namespace AnnualReview.Assessment.Rules;

/// <summary>Who is rated and how leave changes it (đối tượng đánh giá, xếp loại).</summary>
public sealed record EligibilityRules(IReadOnlyList<NotRatedRule> NotRated, IReadOnlyList<LeaveRule> Leave);
