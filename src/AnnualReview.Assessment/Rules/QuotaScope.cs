namespace AnnualReview.Assessment.Rules;

/// <summary>Which members share one Excellent quota (phạm vi tính tỷ lệ).</summary>
public enum QuotaScope
{
    /// <summary>QĐ 366: nhóm có chức vụ, chức trách, nhiệm vụ tương đồng, within the deciding organization.</summary>
    PositionGroup,

    /// <summary>QĐ 124 (as 21-HD): all members of one grassroots organization (tổ chức cơ sở đảng).</summary>
    GrassrootsOrganization,
}
