using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Rules;

/// <summary>One quality level (mức xếp loại) as a rule set names it, e.g. HTXSNV "Hoàn thành xuất sắc nhiệm vụ".</summary>
public sealed record LevelDefinition(
    RatingLevel Level,
    string Code,
    string NameVi,
    string NameEn,
    string Source,
    bool Confirmed);
