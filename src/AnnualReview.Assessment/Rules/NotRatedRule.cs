namespace AnnualReview.Assessment.Rules;

/// <summary>One "not rated" case; <see cref="Months"/> is set only for <see cref="NotRatedCondition.AdmittedRecently"/>.</summary>
public sealed record NotRatedRule(NotRatedCondition Condition, int? Months, string Source, bool Confirmed);
