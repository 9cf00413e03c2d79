namespace AnnualReview.Assessment.Rules;

/// <summary>Whether a rule is about a member (cá nhân) or an organization (tập thể).</summary>
public enum TriggerScope
{
    Individual,
    Collective,
}
