namespace AnnualReview.Assessment.Rules;

/// <summary>Who is rated and how leave changes it (đối tượng đánh giá, xếp loại).</summary>
public sealed record EligibilityRules(IReadOnlyList<NotRatedRule> NotRated, IReadOnlyList<LeaveRule> Leave)
{
    /// <summary>The year's end, from which the texts found count "admitted less than 6 months".</summary>
    public static Sourced<AnnualDate> YearEnd { get; } = new(new AnnualDate(12, 31), "The year's end (31 December)", false);

    /// <summary>
    /// The day "admitted less than N months" counts back from, in the cycle's year; a cycle may set its own date
    /// when it starts (the board knows when its cells meet).
    /// </summary>
    public Sourced<AnnualDate> AdmissionReference { get; init; } = YearEnd;
}
