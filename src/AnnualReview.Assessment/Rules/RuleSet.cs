using AnnualReview.Assessment.Model;

namespace AnnualReview.Assessment.Rules;

/// <summary>
/// One regulation's rating rules as data (bộ quy tắc), e.g. QĐ 366 (2025) with 43-HD. A cycle is pinned to
/// one rule set when it starts and never changes it. Build it with <see cref="RuleSetLoader"/>, which
/// validates everything below.
/// </summary>
public sealed record RuleSet(
    string Id,
    string TitleVi,
    string TitleEn,
    Sourced<int> EffectiveFromYear,
    IReadOnlyList<LevelDefinition> Levels,
    ScoringModel Scoring,
    IReadOnlyList<NotCompletedTrigger> NotCompletedTriggers,
    QuotaRule Quota,
    VoteThresholds Votes,
    EligibilityRules Eligibility,
    IReadOnlyList<FormDefinition> Forms,
    RecognitionRuleSet Recognition)
{
    public LevelDefinition Level(RatingLevel level) => Levels.First(l => l.Level == level);

    /// <summary>The individual form a member fills in: outside the political system wins over a leadership post,
    /// since a retiree may keep an honorary title but has no post to review.</summary>
    public FormDefinition FormFor(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        FormAudience audience = member.OutsidePoliticalSystem ? FormAudience.OutsidePoliticalSystem
            : member.LeadershipPost is not null ? FormAudience.Leadership
            : FormAudience.NonLeadership;
        return Forms.First(f => f.Audience == audience);
    }

    /// <summary>The organization's report form (báo cáo kiểm điểm tập thể).</summary>
    public FormDefinition CollectiveForm => Forms.First(f => f.Audience == FormAudience.Collective);
}
