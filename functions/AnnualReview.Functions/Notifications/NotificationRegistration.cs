using AnnualReview.Functions.Notifications;
using AnnualReview.Functions.Notifications.Delivery;
using AnnualReview.Functions.Notifications.Inbox;
using AnnualReview.Functions.Periodic;

// In the app's root namespace so the host's one registration line needs no extra using.
namespace AnnualReview.Functions;

/// <summary>Registers the notification channels, the delivery run (as periodic work) and the inbox endpoints.</summary>
public static class NotificationRegistration
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        NotificationSettings settings = NotificationSettings.From(configuration);
        services.AddSingleton(settings);
        // Built on first use, like the assessment's own storage, so an app without storage settings still builds.
        services.AddSingleton(sp => new DeliveryLedger(
            DeliveryLedger.TableFor(StorageSettings.From(configuration).ToAssessmentOptions(configuration["StoragePrefix"] ?? "review")),
            settings,
            sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient(WebhookChannel.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<RecipientDirectory>();
        services.AddSingleton<InboxChannel>();
        services.AddSingleton<EmailChannel>();
        services.AddSingleton<WebhookChannel>();
        services.AddSingleton<NotificationDelivery>();
        services.AddSingleton<IPeriodicWork>(sp => sp.GetRequiredService<NotificationDelivery>());
        services.AddSingleton<InboxStore>();
        return services;
    }

    /// <summary><c>GET /api/me/inbox</c> and <c>POST /api/me/inbox/{id}/read</c>.</summary>
    public static IEndpointRouteBuilder MapInbox(this IEndpointRouteBuilder app) => InboxEndpoints.Map(app);
}
