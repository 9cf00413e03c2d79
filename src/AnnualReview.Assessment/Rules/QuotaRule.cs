namespace AnnualReview.Assessment.Rules;

/// <summary>
/// The Excellent quota (tỷ lệ Hoàn thành xuất sắc): at most a share of those rated Good, per scope.
/// <see cref="OutstandingUnitMaxShare"/> is null where the rule set has no allowance for outstanding units.
/// </summary>
public sealed record QuotaRule(
    Sourced<decimal> MaxExcellentShareOfGood,
    Sourced<decimal>? OutstandingUnitMaxShare,
    Sourced<QuotaScope> Scope)
{
    /// <summary>The share that applies, taking the outstanding-unit allowance (đơn vị nổi trội) when granted and defined.</summary>
    public decimal ShareFor(bool outstandingUnit) =>
        outstandingUnit && OutstandingUnitMaxShare is { } allowance ? allowance.Value : MaxExcellentShareOfGood.Value;
}
