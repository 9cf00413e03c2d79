namespace AnnualReview.Assessment.Roster;

/// <summary>A unit or member present in both rosters whose fields differ; <see cref="ChangedFields"/> uses the CSV column names.</summary>
public sealed record RosterChange<T>(T Before, T After, IReadOnlyList<string> ChangedFields);
