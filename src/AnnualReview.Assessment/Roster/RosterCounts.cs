namespace AnnualReview.Assessment.Roster;

/// <summary>How many units of each kind and members sit in a unit's subtree, the unit itself included.</summary>
public readonly record struct RosterCounts(int Committees, int GrassrootsOrganizations, int Cells, int Members);
