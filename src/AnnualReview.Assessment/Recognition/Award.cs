namespace AnnualReview.Assessment.Recognition;

/// <summary>
/// An award for a member, based on the Excellent ratings of <see cref="FirstYear"/> through <see cref="Year"/>
/// (one year for the certificate). The window is what a later re-rating checks.
/// </summary>
public sealed record Award(
    AwardKind Kind,
    string MemberId,
    int Year,
    int FirstYear,
    string NameVi,
    string NameEn,
    string IssuerVi,
    string IssuerEn)
{
    public bool Covers(int year) => year >= FirstYear && year <= Year;
}
