namespace AnnualReview.Assessment.Rules;

/// <summary>
/// An award (khen thưởng) for a run of <see cref="Years"/> consecutive Excellent years ending in the rated
/// year: 1 for the year's giấy khen, 5 for the five-year award (06-HD/TW, 19.2).
/// </summary>
public sealed record AwardRule(int Years, string NameVi, string NameEn, string IssuerVi, string IssuerEn, string Source, bool Confirmed);
