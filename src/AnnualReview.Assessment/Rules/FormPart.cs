namespace AnnualReview.Assessment.Rules;

/// <summary>A lettered part of a form, e.g. "A. Nội dung kiểm điểm".</summary>
public sealed record FormPart(string Code, string TitleVi, string TitleEn, IReadOnlyList<FormSection> Sections);
