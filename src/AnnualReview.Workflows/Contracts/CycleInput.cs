using AnnualReview.Workflows.Deadlines;

namespace AnnualReview.Workflows.Contracts;

/// <summary>What a cycle pinned when it started: its year, its subtree, its rule set and its dated plans.</summary>
public sealed record CycleInput(string CycleId, int Year, string RootUnitId, string RuleSetId, string TimeZone, CyclePlans Plans);

/// <summary>The input of every unit-level orchestration (committee, grassroots organization, cell).</summary>
public sealed record UnitInput(CycleInput Cycle, string UnitId);
