namespace AnnualReview.Workflows.Contracts;

/// <summary>Notification templates the workflows use; the channels render them (Vietnamese by default).</summary>
public static class Templates
{
    public const string Reminder = "reminder";
    public const string Overdue = "overdue";
    public const string Escalation = "escalation";
    public const string ClosedNotSubmitted = "closed-not-submitted";
    public const string MeetingCanBeHeld = "meeting-can-be-held";
    public const string AppraisalRefused = "appraisal-refused";
    public const string FinalLevel = "final-level";
    public const string Award = "award";
    public const string FollowUp = "follow-up";
    public const string AwardRevoked = "award-revoked";
    public const string MeetingRefused = "meeting-refused";
    public const string DeputyAssigned = "deputy-assigned";
}

/// <summary>
/// A durable request to tell someone something: written to the outbox by an activity, delivered later by
/// the channels (email, in-app inbox, webhooks). The id is deterministic so a retried activity writes it once.
/// </summary>
public sealed record NotificationRequest(string Id, string RecipientId, string Template, IReadOnlyDictionary<string, string> Data)
{
    public string? Email { get; init; }

    public string? CycleId { get; init; }

    /// <summary>The instance that asked, for the audit trail.</summary>
    public string? InstanceId { get; init; }

    public DateTime CreatedAt { get; init; }
}
