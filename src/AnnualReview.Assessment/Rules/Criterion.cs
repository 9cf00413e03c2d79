namespace AnnualReview.Assessment.Rules;

/// <summary>A criterion (tiêu chí) by name; <see cref="Code"/> is empty where the rule set needs no key for it.</summary>
public sealed record Criterion(string Code, string NameVi, string NameEn);
