using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Functions.Notifications.Texts;

/// <summary>
/// Turns a template name and its data into the subject and body a person reads. Every template the workflows
/// use (<see cref="Templates"/>) has a text in both languages; an unknown name (a newer workflow, an older
/// app) still renders as a general notice rather than blocking the delivery.
/// </summary>
public static class NotificationRenderer
{
    public static IReadOnlyCollection<string> KnownTemplates => VietnameseTexts.All.Keys.ToList();

    public static bool Knows(string template, NotificationLanguage language)
        => (language == NotificationLanguage.English ? EnglishTexts.All : VietnameseTexts.All).ContainsKey(template);

    public static RenderedNotification Render(string template, IReadOnlyDictionary<string, string> data, NotificationLanguage language, string? link = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(data);
        var texts = language == NotificationLanguage.English ? EnglishTexts.All : VietnameseTexts.All;
        var values = new TemplateData(data, language);
        RenderedNotification text = texts.TryGetValue(template, out var render)
            ? render(values)
            : language == NotificationLanguage.English ? EnglishTexts.General(values) : VietnameseTexts.General(values);

        // The page where the step is done, for a reader who wants to act on the notice at once.
        return link is null ? text : text with
        {
            Body = Paragraphs(text.Body, language == NotificationLanguage.English ? $"Open it here (after signing in): {link}" : $"Mở trực tiếp (sau khi đăng nhập): {link}"),
        };
    }

    /// <summary>Paragraphs separated by a blank line; empty ones (optional parts whose data is missing) are left out.</summary>
    internal static string Paragraphs(params string?[] parts)
        => string.Join("\n\n", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
}
