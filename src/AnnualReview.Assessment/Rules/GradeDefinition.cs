namespace AnnualReview.Assessment.Rules;

/// <summary>A criterion grade with its display names.</summary>
public sealed record GradeDefinition(CriterionGrade Grade, string NameVi, string NameEn);
