using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace AnnualReview.Functions.Notifications.Delivery;

/// <summary>
/// The SMTP connections of one delivery run: each parallel sender reuses an open, authenticated connection
/// instead of dialling per message (100k reminders would otherwise be 100k TLS handshakes). After one failed
/// connect the server counts as down for the rest of the run, so a mail outage costs one timeout, not one per row.
/// </summary>
public sealed class SmtpConnections(SmtpSettings settings, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ConcurrentBag<SmtpClient> _idle = [];
    private Exception? _unavailable;

    public bool Unavailable => Volatile.Read(ref _unavailable) is not null;

    /// <summary>An open connection, or null when the server cannot be reached this run.</summary>
    public async Task<SmtpClient?> RentAsync(CancellationToken cancellation)
    {
        while (_idle.TryTake(out SmtpClient? pooled))
        {
            try
            {
                // The server may have closed an idle connection; find out before a message is at stake.
                await pooled.NoOpAsync(cancellation);
                return pooled;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                pooled.Dispose();
            }
        }

        if (Unavailable)
        {
            return null;
        }

        var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            SecureSocketOptions security = settings.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(settings.Host ?? "", settings.Port, security, cancellation);
            if (settings.UserName is { } user)
            {
                await client.AuthenticateAsync(user, settings.Password ?? "", cancellation);
            }

            return client;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            client.Dispose();
            if (Interlocked.CompareExchange(ref _unavailable, e, null) is null)
            {
                logger.LogWarning(e, "SMTP server {Host}:{Port} cannot be reached; email waits for the next run.", settings.Host, settings.Port);
            }

            return null;
        }
    }

    public void Return(SmtpClient client) => _idle.Add(client);

    /// <summary>A connection in an unknown state (an error mid-conversation) is closed, never reused.</summary>
    public static void Discard(SmtpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out SmtpClient? client))
        {
            try
            {
                await client.DisconnectAsync(quit: true);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogDebug(e, "Closing an SMTP connection failed.");
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
