using System.Security.Cryptography;
using System.Text;
using AnnualReview.Functions.Notifications.Texts;
using MailKit.Net.Smtp;
using MimeKit;

namespace AnnualReview.Functions.Notifications.Delivery;

/// <summary>
/// Email over SMTP (MailKit). Off while <c>Smtp:Host</c> is empty; skips recipients without an address.
/// <para>
/// At most once: the ledger claim is recorded before the message is handed to the server and "sent" after,
/// and a claim found still "sending" after its lease is never sent again but recorded as interrupted. Two
/// instances racing cannot both send, since only one wins the claim. The residual window: a crash (or a
/// connection that breaks) after the claim and before the server's reply loses that one email — the person
/// still has the notification in the in-app inbox. The deterministic Message-Id per notification and recipient
/// lets a mail system that has it already recognise a copy.
/// </para>
/// </summary>
public sealed class EmailChannel(NotificationSettings settings, DeliveryLedger ledger, TimeProvider clock, ILogger<EmailChannel> logger)
{
    public const string Name = "email";
    public const string NotificationHeader = "X-AnnualReview-Notification";

    public bool Enabled => settings.Smtp.Enabled;

    public SmtpConnections OpenConnections() => new(settings.Smtp, logger);

    /// <summary>Same notification and address, same Message-Id, whichever instance or attempt builds it.</summary>
    public static string MessageId(string notificationKey, string address, string domain)
    {
        string recipient = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address.Trim().ToUpperInvariant())).AsSpan(0, 6));
        return $"{notificationKey}.{recipient}@{domain}";
    }

    public async Task<ChannelOutcome> DeliverAsync(PendingNotification notification, RenderedNotification text, Func<Task<RecipientContact>> contact, SmtpConnections connections, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(connections);
        if (!Enabled)
        {
            return ChannelOutcome.Finished;
        }

        RecipientContact? found = notification.Request.Email is { Length: > 0 } ? null : await contact();
        string? address = notification.Request.Email is { Length: > 0 } given ? given : found?.Email;
        if (string.IsNullOrWhiteSpace(address))
        {
            return ChannelOutcome.Finished;
        }

        if (!MailboxAddress.TryParse(address, out MailboxAddress? mailbox) || !mailbox.Address.Contains('@', StringComparison.Ordinal))
        {
            ClaimResult invalid = await ledger.TryClaimAsync(notification.Key, Name, address, resendInterrupted: false, cancellation);
            if (invalid.Claim is { } claimed)
            {
                await ledger.MarkFailedAsync(claimed, $"'{address}' is not an email address.", cancellation);
            }

            return ChannelOutcome.Finished;
        }

        SmtpClient? client = await connections.RentAsync(cancellation);
        if (client is null)
        {
            return ChannelOutcome.Later(clock.GetUtcNow() + settings.RetryBase);
        }

        ClaimResult result = await ledger.TryClaimAsync(notification.Key, Name, mailbox.Address, resendInterrupted: false, cancellation);
        if (result.Claim is not { } claim)
        {
            connections.Return(client);
            return result.Outcome;
        }

        MimeMessage message = Compose(notification, text, new MailboxAddress(found?.Name ?? "", mailbox.Address));
        string response;
        try
        {
            response = await client.SendAsync(message, cancellation);
        }
        catch (SmtpCommandException e)
        {
            // The server answered with a refusal: nothing was accepted, so trying again cannot duplicate.
            SmtpConnections.Discard(client);
            string error = $"SMTP {(int)e.StatusCode} {e.ErrorCode}: {e.Message}";
            if ((int)e.StatusCode >= 500)
            {
                await ledger.MarkFailedAsync(claim, error, cancellation);
                return ChannelOutcome.Finished;
            }

            return await ledger.MarkAttemptFailedAsync(claim, error, cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The conversation broke without a verdict: the message may or may not have gone out.
            SmtpConnections.Discard(client);
            logger.LogWarning(e, "Email for notification {Key} was interrupted; not sent again.", notification.Key);
            await ledger.MarkInterruptedAsync(claim, e.Message, cancellation);
            return ChannelOutcome.Finished;
        }
        catch
        {
            SmtpConnections.Discard(client);
            throw;
        }

        connections.Return(client);
        await ledger.MarkSentAsync(claim, response, cancellation);
        return ChannelOutcome.Finished;
    }

    private MimeMessage Compose(PendingNotification notification, RenderedNotification text, MailboxAddress to)
    {
        MailboxAddress from = MailboxAddress.Parse(settings.Smtp.From);
        var message = new MimeMessage
        {
            Subject = text.Subject,
            MessageId = MessageId(notification.Key, to.Address, from.Domain is { Length: > 0 } domain ? domain : "annualreview.vn"),
            Date = clock.GetUtcNow(),
            Body = new TextPart("plain") { Text = text.Body },
        };
        message.From.Add(from);
        message.To.Add(to);
        message.Headers.Add(NotificationHeader, notification.Key);
        return message;
    }
}
