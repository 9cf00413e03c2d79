using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Reports;

/// <summary>
/// One unit's line in the results report (kết quả đánh giá, xếp loại theo đơn vị). The numbers are computed by
/// the caller; the report only formats them.
/// </summary>
/// <param name="UnitId">The unit's roster id.</param>
/// <param name="UnitName">The unit's name.</param>
/// <param name="Kind">The unit's kind.</param>
/// <param name="ParentId">The unit above; null for the root.</param>
/// <param name="Counts">Members rated at each level.</param>
/// <param name="NotRated">Members not rated by rule (exempt, suspended, admitted under 6 months before).</param>
/// <param name="NotSubmitted">Members whose step closed as "not submitted" at the hard stop.</param>
/// <param name="TotalMembers">All members of the unit on the roster.</param>
public sealed record UnitResultRow(
    string UnitId,
    string UnitName,
    UnitKind Kind,
    string? ParentId,
    RatingCounts Counts,
    int NotRated,
    int NotSubmitted,
    int TotalMembers)
{
    /// <summary>Whether the Excellent quota holds; null when the quota does not apply to this unit.</summary>
    public bool? QuotaOk { get; init; }

    /// <summary>The most members that may be Excellent under the quota.</summary>
    public int? QuotaLimit { get; init; }

    /// <summary>What to change to meet the quota, e.g. "move 6 from Excellent to Good".</summary>
    public string? QuotaGuidance { get; init; }

    /// <summary>How many of the unit's reports arrived after their due date.</summary>
    public int LateReports { get; init; }

    /// <summary>Last year's shortcomings of the members in the unit's subtree, as this year's reviews mark them; null when none was counted.</summary>
    public Shortcomings.RemedyTally? MembersRemedy { get; init; }

    /// <summary>Last year's shortcomings of the organizations themselves (the cells' collective reports); null when none was counted.</summary>
    public Shortcomings.RemedyTally? OrganizationsRemedy { get; init; }
}
