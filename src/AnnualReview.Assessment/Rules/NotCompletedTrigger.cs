namespace AnnualReview.Assessment.Rules;

/// <summary>
/// A named condition that makes the level Not completed whatever the points (trường hợp xếp loại Không hoàn
/// thành nhiệm vụ), e.g. degradation or discipline. The competent level finds it; the code only applies it.
/// <c>Mitigable</c>: whether the text lets the competent level soften it when the member admitted the fault and repaired the harm.
/// </summary>
public sealed record NotCompletedTrigger(
    string Code,
    TriggerScope AppliesTo,
    string NameVi,
    string NameEn,
    bool Mitigable,
    string Source,
    bool Confirmed);
