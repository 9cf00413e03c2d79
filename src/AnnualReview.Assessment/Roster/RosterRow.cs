namespace AnnualReview.Assessment.Roster;

/// <summary>A parsed unit or member together with where it was read, so validation can point back to the file.</summary>
public sealed record RosterRow<T>(T Value, RosterPosition Position);
