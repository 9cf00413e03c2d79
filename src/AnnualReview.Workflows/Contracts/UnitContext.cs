using AnnualReview.Assessment.Model;

namespace AnnualReview.Workflows.Contracts;

/// <summary>A unit with the chain above it, so reminders and escalations know whom to tell.</summary>
public sealed record UnitContext(Unit Unit, IReadOnlyList<Unit> Ancestors, IReadOnlyList<Unit> Children)
{
    /// <summary>The grassroots organization a cell belongs to (the supervisor for escalations), or null.</summary>
    public Unit? Grassroots => Ancestors.FirstOrDefault(a => a.Kind == UnitKind.GrassrootsOrganization);

    /// <summary>The committee above the grassroots organization.</summary>
    public Unit? SuperiorCommittee => Ancestors.FirstOrDefault(a => a.Kind == UnitKind.Committee);

    /// <summary>The root of the tree (the organization board).</summary>
    public Unit? Board => Ancestors.Count > 0 ? Ancestors[^1] : null;
}

/// <summary>A cell and its members as the roster had them when the cycle reached the cell.</summary>
public sealed record CellRoster(UnitContext Cell, IReadOnlyList<CellMember> Members);

/// <summary>A member of the cell with how the rule set treats them this year.</summary>
public sealed record CellMember(Member Member, Eligibility Eligibility, string QuotaGroup);

/// <summary>
/// Whether and how a member is rated this year (decided by the rule set). <c>ReviewedOnly</c>: not rated but
/// reviewed, admitted too recently to be rated yet writing the self-review (false in histories written before the
/// distinction, where such a member was refused as the exempt still are).
/// </summary>
public sealed record Eligibility(bool Rated, string? Reason = null, RatingLevel? CappedAt = null, bool OnWorkedTime = false, bool ReviewedOnly = false)
{
    /// <summary>Whether the member writes the self-review this year (thuộc diện kiểm điểm).</summary>
    public bool Reviewed => Rated || ReviewedOnly;
}
