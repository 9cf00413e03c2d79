namespace AnnualReview.Assessment.Rules;

/// <summary>A numbered section of a form, e.g. "A.IV Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)".
/// <c>Optional</c>: marked "(nếu có)": the member may leave it empty.
/// </summary>
public sealed record FormSection(string Code, string TitleVi, string TitleEn, bool Optional);
