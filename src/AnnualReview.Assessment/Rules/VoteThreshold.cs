namespace AnnualReview.Assessment.Rules;

/// <summary>
/// A share of the voters a level needs, kept as a fraction so 2/3 is exact. <see cref="Inclusive"/> reads
/// "at least" (từ … trở lên); otherwise "more than" (trên).
/// </summary>
public sealed record VoteThreshold(int Numerator, int Denominator, bool Inclusive, string Source, bool Confirmed)
{
    /// <summary>Whether <paramref name="votes"/> out of <paramref name="basis"/> reaches the threshold, in integers.</summary>
    public bool IsReachedBy(int votes, int basis)
    {
        long left = (long)votes * Denominator;
        long right = (long)Numerator * basis;
        return Inclusive ? left >= right : left > right;
    }

    public override string ToString() => $"{(Inclusive ? "≥" : ">")} {Numerator}/{Denominator}";
}
