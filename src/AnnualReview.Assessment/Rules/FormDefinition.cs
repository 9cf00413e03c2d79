namespace AnnualReview.Assessment.Rules;

/// <summary>
/// A review form (mẫu), e.g. Mẫu 02B. <see cref="PartsSource"/> and <see cref="PartsConfirmed"/> say where the
/// section list comes from, which differs from the form's own source where the list is assumed.
/// </summary>
public sealed record FormDefinition(
    string Code,
    FormAudience Audience,
    string TitleVi,
    string TitleEn,
    IReadOnlyList<FormPart> Parts,
    string Source,
    bool Confirmed,
    string PartsSource,
    bool PartsConfirmed);
