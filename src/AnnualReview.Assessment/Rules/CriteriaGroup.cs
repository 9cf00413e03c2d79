namespace AnnualReview.Assessment.Rules;

/// <summary>A criteria group (nhóm tiêu chí) with its share of the points, e.g. "Nhóm tiêu chí chung" out of 30.</summary>
public sealed record CriteriaGroup(
    string Code,
    string NameVi,
    string NameEn,
    Sourced<int> MaxPoints,
    IReadOnlyList<Criterion> SubCriteria,
    string Source,
    bool Confirmed);
