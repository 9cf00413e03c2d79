namespace AnnualReview.Functions.Notifications.Texts;

/// <summary>A notification as a person reads it: a subject line and a plain-text body.</summary>
public sealed record RenderedNotification(string Subject, string Body);
