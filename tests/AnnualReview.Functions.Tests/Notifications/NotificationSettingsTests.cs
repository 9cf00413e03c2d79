using AnnualReview.Functions.Notifications;
using AnnualReview.Functions.Notifications.Texts;
using Microsoft.Extensions.Configuration;

namespace AnnualReview.Functions.Tests.Notifications;

public sealed class NotificationSettingsTests
{
    [Fact]
    public void From_NothingSet_IsVietnameseWithBothOutsideChannelsOff()
    {
        NotificationSettings settings = NotificationSettings.From(Configuration());

        Assert.Equal(NotificationLanguage.Vietnamese, settings.Language);
        Assert.False(settings.Smtp.Enabled);
        Assert.False(settings.Webhooks.Enabled);
        Assert.Equal((SmtpSecurity.StartTls, 587), (settings.Smtp.Security, settings.Smtp.Port));
    }

    [Fact]
    public void From_SmtpAndLanguage_AreRead()
    {
        NotificationSettings settings = NotificationSettings.From(Configuration(
            ("Notifications:Language", "en"), ("Smtp:Host", "smtp.example.vn"), ("Smtp:Security", "SslOnConnect"),
            ("Smtp:From", "Ban Tổ chức <bantochuc@example.vn>"), ("Smtp:UserName", "mailer"), ("Smtp:Password", "pw")));

        Assert.Equal(NotificationLanguage.English, settings.Language);
        Assert.Equal(new SmtpSettings("smtp.example.vn", 465, "Ban Tổ chức <bantochuc@example.vn>", "mailer", "pw", SmtpSecurity.SslOnConnect), settings.Smtp);
    }

    [Fact]
    public void From_AWebhookUrlWithoutASecret_IsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => NotificationSettings.From(Configuration(("Webhooks:Url", "https://sms.example.vn/hook"))));

        Assert.Contains("Webhooks:Secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BackOff_DoublesFromTheBaseUpToTheCap()
    {
        NotificationSettings settings = NotificationSettings.From(Configuration(("Notifications:RetryBaseSeconds", "30"), ("Notifications:RetryMaxSeconds", "200")));

        Assert.Equal(
            [30, 60, 120, 200, 200],
            Enumerable.Range(1, 5).Select(attempt => settings.BackOff(attempt).TotalSeconds));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
