using System.Globalization;
using AnnualReview.Functions.Notifications.Texts;

namespace AnnualReview.Functions.Notifications;

/// <summary>How the SMTP channel connects: none (plain, e.g. a local relay), STARTTLS upgrade, or TLS from the first byte.</summary>
public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>The mail server (<c>Smtp:*</c>). The channel is off while <see cref="Host"/> is empty.</summary>
public sealed record SmtpSettings(string? Host, int Port, string From, string? UserName, string? Password, SmtpSecurity Security)
{
    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>The SMS / messaging gateway (<c>Webhooks:*</c>). The channel is off while <see cref="Url"/> is empty.</summary>
public sealed record WebhookSettings(Uri? Url, string? Secret)
{
    public bool Enabled => Url is not null;
}

/// <summary>
/// Settings of the notification channels, read once at start. Retries of the email and webhook channels back off
/// exponentially from <see cref="RetryBase"/> (capped at <see cref="RetryMax"/>) and give up after <see cref="MaxAttempts"/>.
/// </summary>
public sealed record NotificationSettings(
    NotificationLanguage Language,
    SmtpSettings Smtp,
    WebhookSettings Webhooks,
    int MaxAttempts,
    TimeSpan RetryBase,
    TimeSpan RetryMax,
    TimeSpan ClaimLease,
    int Parallelism,
    int MaxPerRun)
{
    /// <summary>The app's public address (<c>Web:PublicUrl</c>), so a notice can carry a full link to its page.</summary>
    public Uri? PublicUrl { get; init; }

    public static NotificationSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var language = NotificationLanguages.Parse(configuration["Notifications:Language"]) ?? NotificationLanguage.Vietnamese;
        var security = configuration["Smtp:Security"] is { Length: > 0 } s
            ? Enum.Parse<SmtpSecurity>(s, ignoreCase: true)
            : SmtpSecurity.StartTls;
        var smtp = new SmtpSettings(
            Text(configuration, "Smtp:Host"),
            Number(configuration, "Smtp:Port", security == SmtpSecurity.SslOnConnect ? 465 : 587),
            Text(configuration, "Smtp:From") ?? "no-reply@annualreview.vn",
            Text(configuration, "Smtp:UserName"),
            Text(configuration, "Smtp:Password"),
            security);

        Uri? url = Text(configuration, "Webhooks:Url") is { } u ? new Uri(u, UriKind.Absolute) : null;
        string? secret = Text(configuration, "Webhooks:Secret");
        if (url is not null && secret is null)
        {
            // An unsigned call would let anyone who learns the gateway's address send messages in our name.
            throw new InvalidOperationException("Webhooks:Url is set but Webhooks:Secret is not; webhook calls are always signed.");
        }

        return new NotificationSettings(
            language,
            smtp,
            new WebhookSettings(url, secret),
            Number(configuration, "Notifications:MaxAttempts", 6),
            TimeSpan.FromSeconds(Number(configuration, "Notifications:RetryBaseSeconds", 30)),
            TimeSpan.FromSeconds(Number(configuration, "Notifications:RetryMaxSeconds", 3600)),
            TimeSpan.FromSeconds(Number(configuration, "Notifications:ClaimLeaseSeconds", 120)),
            Number(configuration, "Notifications:Parallelism", 8),
            Number(configuration, "Notifications:MaxPerRun", 5000))
        {
            PublicUrl = Text(configuration, "Web:PublicUrl") is { } site ? new Uri(site, UriKind.Absolute) : null,
        };
    }

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: base, 2×base, 4×base … up to the cap.</summary>
    public TimeSpan BackOff(int attempts)
    {
        double factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        double seconds = Math.Min(RetryBase.TotalSeconds * factor, RetryMax.TotalSeconds);
        return TimeSpan.FromSeconds(seconds);
    }

    private static string? Text(IConfiguration configuration, string key)
        => configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static int Number(IConfiguration configuration, string key, int fallback)
        => Text(configuration, key) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
