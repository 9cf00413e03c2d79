using System.Net.Http.Headers;
using System.Text.Json;
using AnnualReview.Functions.Notifications.Texts;

namespace AnnualReview.Functions.Notifications.Delivery;

/// <summary>What the SMS / messaging gateway receives (JSON, camelCase).</summary>
public sealed record WebhookPayload(
    string DeliveryId,
    string NotificationId,
    string Recipient,
    string Template,
    string Language,
    string Subject,
    string Text,
    string? Phone,
    string? CycleId,
    DateTime CreatedAt,
    int Attempt)
{
    /// <summary>The page the notice is about (relative unless <c>Web:PublicUrl</c> is set), for the gateway to put in its message.</summary>
    public string? Link { get; init; }
}

/// <summary>
/// Signed webhook calls to an SMS or messaging gateway (<c>Webhooks:Url</c>, <c>Webhooks:Secret</c>). Any
/// answer but 2xx, a timeout or a network error counts as a failed attempt: retried with exponential back-off
/// and given up after <c>Notifications:MaxAttempts</c>, the failure recorded in the ledger. A call whose sender
/// vanished mid-request is retried too, with the same <see cref="WebhookSignature.DeliveryHeader"/>, so the
/// gateway (not the clock) decides whether it already has it.
/// </summary>
public sealed class WebhookChannel(NotificationSettings settings, DeliveryLedger ledger, IHttpClientFactory http, TimeProvider clock, ILogger<WebhookChannel> logger)
{
    public const string Name = "webhook";
    public const string HttpClientName = "notification-webhooks";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Enabled => settings.Webhooks.Enabled;

    public async Task<ChannelOutcome> DeliverAsync(PendingNotification notification, RenderedNotification text, NotificationLanguage language, Func<Task<RecipientContact>> contact, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(contact);
        if (!Enabled)
        {
            return ChannelOutcome.Finished;
        }

        string? phone = notification.Data("phone") ?? (await contact()).Phone;
        ClaimResult result = await ledger.TryClaimAsync(notification.Key, Name, phone ?? notification.Request.RecipientId, resendInterrupted: true, cancellation);
        if (result.Claim is not { } claim)
        {
            return result.Outcome;
        }

        var payload = new WebhookPayload(
            notification.Key,
            notification.Request.Id,
            notification.Request.RecipientId,
            notification.Request.Template,
            language.Code(),
            text.Subject,
            text.Body,
            phone,
            notification.Request.CycleId,
            DateTime.SpecifyKind(notification.Request.CreatedAt, DateTimeKind.Utc),
            claim.Attempt)
        {
            Link = NotificationLinks.For(settings.PublicUrl, notification.Request.Data, notification.Request.CycleId),
        };
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(payload, Json);
        string timestamp = WebhookSignature.Timestamp(clock.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Webhooks.Url)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(settings.Webhooks.Secret!, timestamp, body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, notification.Key);

        string error;
        try
        {
            using HttpResponseMessage response = await http.CreateClient(HttpClientName).SendAsync(request, cancellation);
            if (response.IsSuccessStatusCode)
            {
                await ledger.MarkSentAsync(claim, $"HTTP {(int)response.StatusCode}", cancellation);
                return ChannelOutcome.Finished;
            }

            error = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (HttpRequestException e)
        {
            error = e.Message;
        }
        catch (TaskCanceledException e) when (!cancellation.IsCancellationRequested)
        {
            error = "Timed out: " + e.Message;
        }

        logger.LogWarning("Webhook for notification {Key} failed on attempt {Attempt}: {Error}", notification.Key, claim.Attempt, error);
        return await ledger.MarkAttemptFailedAsync(claim, error, cancellation);
    }
}
