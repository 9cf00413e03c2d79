namespace AnnualReview.Assessment.Rules;

/// <summary>
/// How the ballot's counts are read against the thresholds. Cumulative (cộng dồn): a vote for a higher level also
/// supports every lower one, so "Good" counts the votes for Good or better. The texts found do not say so in
/// words; the rule set states its reading, with a sentence the meeting page shows beside the thresholds.
/// </summary>
public sealed record VoteReading(bool Cumulative, string SentenceVi, string SentenceEn, string Source, bool Confirmed);
