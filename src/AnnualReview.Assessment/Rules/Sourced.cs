namespace AnnualReview.Assessment.Rules;

/// <summary>
/// A rule value with where it comes from. <paramref name="Confirmed"/> is false when the value rests on a
/// secondary source, an older text, or an assumption, so screens and reports can say so.
/// </summary>
public sealed record Sourced<T>(T Value, string Source, bool Confirmed);
