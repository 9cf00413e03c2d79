namespace AnnualReview.Assessment.Rules;

/// <summary>Awards, flags and follow-up after the rating (khen thưởng và giúp đỡ đảng viên).</summary>
public sealed record RecognitionRuleSet(
    AwardRule YearCertificate,
    AwardRule ConsecutiveExcellent,
    FlagRule ConsecutiveNotCompleted,
    FollowUpRule NotCompletedFollowUp);
