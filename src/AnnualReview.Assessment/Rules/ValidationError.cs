namespace AnnualReview.Assessment.Rules;

/// <summary>
/// One thing wrong with input a user gave (a cycle definition, a meeting record): a stable
/// <see cref="Code"/> for clients, the <see cref="Field"/> path at fault, and the message in both languages.
/// </summary>
public sealed record ValidationError(string Code, string Field, string MessageVi, string MessageEn)
{
    public override string ToString() => $"{Field}: {Code}: {MessageEn}";
}
