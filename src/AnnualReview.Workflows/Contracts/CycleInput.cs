using AnnualReview.Workflows.Deadlines;
using AnnualReview.Workflows.Timing;

namespace AnnualReview.Workflows.Contracts;

/// <summary>
/// What a cycle pinned when it started: its year, its subtree, its rule set and its dated plans. <see cref="Plans"/>
/// are the plans of the unit the input is for: a parent hands each child <see cref="For"/> the child, so a unit
/// with its own date for a step (special units that finish before 15 January, 43-HD Mục 4) carries it to its whole
/// subtree, unless a unit below has its own date for that step too.
/// </summary>
public sealed record CycleInput(string CycleId, int Year, string RootUnitId, string RuleSetId, string TimeZone, CyclePlans Plans)
{
    /// <summary>
    /// The version of the cycle's orchestrations, pinned at the start: every unit calls its children by the names of
    /// this version (<see cref="WorkflowNames.Of"/>), so a redeploy that adds a new version leaves running cycles on theirs.
    /// </summary>
    public string WorkflowVersion { get; init; } = WorkflowNames.FirstVersion;

    /// <summary>How the cycle's time maps to the engine's real time; real time unless the app runs on a scaled clock.</summary>
    public CycleClock Clock { get; init; } = CycleClock.Real;

    /// <summary>
    /// The day "admitted less than 6 months" counts back from, set when the cycle starts; null in cycles started
    /// before it was a setting, which keep the rule set's date (31 December of the year).
    /// </summary>
    public DateOnly? AdmissionReferenceDate { get; init; }

    /// <summary>The plans of the steps that units have their own dates for, computed when the cycle started.</summary>
    public IReadOnlyList<PlanOverride> Overrides { get; init; } = [];

    /// <summary>This input as a unit below sees it: the plans it inherited, with its own steps' plans put in their place.</summary>
    public CycleInput For(string unitId)
    {
        CyclePlans plans = Plans;
        foreach (PlanOverride own in Overrides.Where(o => string.Equals(o.UnitId, unitId, StringComparison.Ordinal)))
        {
            plans = own.Plan.Step switch
            {
                nameof(CyclePlans.SelfReview) => plans with { SelfReview = own.Plan },
                nameof(CyclePlans.CellMeeting) => plans with { CellMeeting = own.Plan },
                nameof(CyclePlans.GrassrootsDecision) => plans with { GrassrootsDecision = own.Plan },
                nameof(CyclePlans.CommitteeDecision) => plans with { CommitteeDecision = own.Plan },
                _ => plans,
            };
        }

        return ReferenceEquals(plans, Plans) ? this : this with { Plans = plans };
    }

    /// <summary>This input as the first unit of <paramref name="unitAndAncestors"/> sees it (the chain runs from the unit up).</summary>
    public CycleInput ForChain(IEnumerable<string> unitAndAncestors)
        => unitAndAncestors.Reverse().Aggregate(this, (input, unitId) => input.For(unitId));
}

/// <summary>One unit's own plan for one step (its <see cref="StepPlan.Step"/>).</summary>
public sealed record PlanOverride(string UnitId, StepPlan Plan);

/// <summary>The input of every unit-level orchestration (committee, grassroots organization, cell).</summary>
public sealed record UnitInput(CycleInput Cycle, string UnitId);
