namespace AnnualReview.Functions.Notifications.Texts;

/// <summary>
/// Where a notice takes its reader: the page where the step it is about is done (a member's reminder opens their
/// own self-review; a secretary's, the meeting; a committee's, the appraisal), otherwise the inbox. Signing in
/// first brings the reader back to it. <c>Web:PublicUrl</c> makes it a full address for email and gateways.
/// </summary>
public static class NotificationLinks
{
    public static string PathFor(IReadOnlyDictionary<string, string> data, string? cycleId)
    {
        ArgumentNullException.ThrowIfNull(data);
        string cycle = cycleId is { Length: > 0 } ? "?cycle=" + Uri.EscapeDataString(cycleId) : "";
        return data.GetValueOrDefault("step") switch
        {
            "SelfReview" => "/web/review" + cycle,
            "CellMeeting" => "/web/meeting" + cycle,
            "GrassrootsDecision" => "/web/appraisal" + cycle,
            _ => "/web/inbox",
        };
    }

    public static string For(Uri? publicUrl, IReadOnlyDictionary<string, string> data, string? cycleId)
    {
        string path = PathFor(data, cycleId);
        return publicUrl is null ? path : new Uri(publicUrl, path).ToString();
    }
}
