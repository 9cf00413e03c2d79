using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;

namespace AnnualReview.Assessment.Rating;

/// <summary>
/// Which quota pool a member counts in (nhóm tính tỷ lệ Hoàn thành xuất sắc), a function of member and rule set.
/// </summary>
public static class QuotaGroup
{
    /// <summary>
    /// QĐ 124: the grassroots organization. QĐ 366: "similar position, role and duties" within the deciding
    /// grassroots organization, read as the member's form audience (leadership post, no post, outside the
    /// political system) since the forms already draw that line; a competent level wanting finer groups
    /// passes its own keys to <see cref="QuotaCheck"/>.
    /// </summary>
    public static string KeyFor(Member member, string grassrootsOrganizationId, RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentException.ThrowIfNullOrWhiteSpace(grassrootsOrganizationId);
        ArgumentNullException.ThrowIfNull(ruleSet);

        return ruleSet.Quota.Scope.Value switch
        {
            QuotaScope.GrassrootsOrganization => grassrootsOrganizationId,
            _ => ruleSet.FormFor(member).Audience switch
            {
                FormAudience.Leadership => $"{grassrootsOrganizationId}:leadership",
                FormAudience.OutsidePoliticalSystem => $"{grassrootsOrganizationId}:outside-political-system",
                _ => $"{grassrootsOrganizationId}:no-leadership-post",
            },
        };
    }
}
