namespace AnnualReview.Functions.Notifications.Texts;

/// <summary>The languages notifications are written in. Vietnamese is the default everywhere.</summary>
public enum NotificationLanguage
{
    Vietnamese,
    English,
}

public static class NotificationLanguages
{
    /// <summary>"vi", "vi-VN", "en", "en-GB" …; null for anything else (the caller falls back to its default).</summary>
    public static NotificationLanguage? Parse(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        string primary = tag.Trim().Split('-', '_')[0];
        return primary.ToUpperInvariant() switch
        {
            "VI" => NotificationLanguage.Vietnamese,
            "EN" => NotificationLanguage.English,
            _ => null,
        };
    }

    public static string Code(this NotificationLanguage language) => language == NotificationLanguage.English ? "en" : "vi";
}
