namespace AnnualReview.Assessment.Rules;

/// <summary>
/// A flag raised by a run of <see cref="Years"/> consecutive Not completed years, e.g. "consider removal"
/// (xem xét đưa ra khỏi Đảng). Practice, not text, so it can be switched off.
/// </summary>
public sealed record FlagRule(int Years, bool Enabled, string NameVi, string NameEn, string Source, bool Confirmed);
