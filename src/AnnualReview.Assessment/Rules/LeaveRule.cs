using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Rules;

/// <summary>
/// How leave of a kind (ốm đau dài ngày, thai sản) changes the rating once it totals at least
/// <see cref="MinMonths"/> months. <see cref="CapAt"/> is set only for <see cref="LeaveTreatment.Capped"/>.
/// </summary>
public sealed record LeaveRule(
    LeaveKind Kind,
    int MinMonths,
    LeaveTreatment Treatment,
    RatingLevel? CapAt,
    string Source,
    bool Confirmed);
