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

    public static RenderedNotification Render(string template, IReadOnlyDictionary<string, string> data, NotificationLanguage language)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(data);
        var texts = language == NotificationLanguage.English ? EnglishTexts.All : VietnameseTexts.All;
        var values = new TemplateData(data, language);
        return texts.TryGetValue(template, out var render)
            ? render(values)
            : language == NotificationLanguage.English ? EnglishTexts.General(values) : VietnameseTexts.General(values);
    }

    /// <summary>Paragraphs separated by a blank line; empty ones (optional parts whose data is missing) are left out.</summary>
    internal static string Paragraphs(params string?[] parts)
        => string.Join("\n\n", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
}
