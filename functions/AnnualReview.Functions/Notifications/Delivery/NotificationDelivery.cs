using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using AnnualReview.Functions.Notifications.Texts;
using AnnualReview.Functions.Periodic;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Notifications.Delivery;

/// <summary>What one run did, for logs and tests.</summary>
public sealed record DeliveryRunSummary(int Examined, int Completed, int Waiting, int Errors);

/// <summary>
/// Drains the notification outbox over its channels: the in-app inbox, email and webhooks.
/// <para>
/// The outbox holds only what is still pending: a row is deleted once every channel is finished with it, so a
/// run reads the pending rows of the eight shard partitions and nothing else; 100k reminders are 100k rows read
/// once and then gone. Rows waiting for a retry carry <c>NextAttemptAt</c> and are passed over until then. Runs
/// may overlap (two instances, a slow run): each channel claims its part in the <see cref="DeliveryLedger"/>
/// before sending, so overlap costs reads, never a second message. A row rewritten by a retried workflow activity
/// after it was delivered finds its channels finished in the ledger and is simply deleted again.
/// </para>
/// </summary>
public sealed partial class NotificationDelivery(
    AssessmentStorage storage,
    DeliveryLedger ledger,
    InboxChannel inbox,
    EmailChannel email,
    WebhookChannel webhook,
    RecipientDirectory directory,
    NotificationSettings settings,
    TimeProvider clock,
    ILogger<NotificationDelivery> logger) : IPeriodicWork
{
    private const int PageSize = 1000;

    public string Name => "notification-delivery";

    public async Task RunOnceAsync(CancellationToken cancellation) => await RunAsync(cancellation);

    public async Task<DeliveryRunSummary> RunAsync(CancellationToken cancellation)
    {
        await ledger.EnsureCreatedAsync();
        DateTimeOffset now = clock.GetUtcNow();
        int examined = 0, completed = 0, waiting = 0, errors = 0;
        await using SmtpConnections connections = email.OpenConnections();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Parallelism), CancellationToken = cancellation };
        await Parallel.ForEachAsync(DueAsync(now, cancellation), options, async (notification, token) =>
        {
            Interlocked.Increment(ref examined);
            try
            {
                if (await DeliverAsync(notification, connections, token))
                {
                    Interlocked.Increment(ref completed);
                }
                else
                {
                    Interlocked.Increment(ref waiting);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One bad row (storage hiccup, unreadable data) must not stop the others; it stays pending.
                Interlocked.Increment(ref errors);
                LogRowFailed(logger, e, notification.Key);
            }
        });

        var summary = new DeliveryRunSummary(examined, completed, waiting, errors);
        if (examined > 0)
        {
            LogRun(logger, summary.Examined, summary.Completed, summary.Waiting, summary.Errors);
        }

        return summary;
    }

    /// <summary>Delivers one notification on every channel; true when it is finished everywhere (and left the outbox).</summary>
    public async Task<bool> DeliverAsync(PendingNotification notification, SmtpConnections connections, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(notification);
        NotificationLanguage language = NotificationLanguages.Parse(notification.Data("language")) ?? settings.Language;
        string link = NotificationLinks.For(settings.PublicUrl, notification.Request.Data, notification.Request.CycleId);
        RenderedNotification text = NotificationRenderer.Render(notification.Request.Template, notification.Request.Data, language, settings.PublicUrl is null ? null : link);
        Task<RecipientContact>? lookup = null;
        Task<RecipientContact> Contact() => lookup ??= directory.FindAsync(notification.Request.RecipientId, cancellation);

        ChannelOutcome inApp = await inbox.DeliverAsync(notification, cancellation);
        ChannelOutcome mail = await email.DeliverAsync(notification, text, Contact, connections, cancellation);
        ChannelOutcome hook = await webhook.DeliverAsync(notification, text, language, Contact, cancellation);

        DateTimeOffset? retryAt = new[] { inApp, mail, hook }.Where(o => !o.IsFinished).Select(o => o.RetryAt).Min();
        if (retryAt is null)
        {
            await IgnoreMissingAsync(storage.Outbox.DeleteEntityAsync(notification.Shard, notification.Key, ETag.All, cancellation));
            return true;
        }

        await IgnoreMissingAsync(storage.Outbox.UpdateEntityAsync(
            new TableEntity(notification.Shard, notification.Key)
            {
                [PendingNotification.NextAttemptAtColumn] = retryAt.Value,
                [PendingNotification.InboxDeliveredColumn] = inApp.IsFinished,
            },
            ETag.All,
            TableUpdateMode.Merge,
            cancellation));
        return false;
    }

    /// <summary>
    /// The due rows, shard by shard from a random first shard (so overlapping instances start apart and a
    /// capped run does not always favour shard 0), up to <see cref="NotificationSettings.MaxPerRun"/>.
    /// </summary>
    private async IAsyncEnumerable<PendingNotification> DueAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellation)
    {
        int first = Random.Shared.Next(NotificationOutbox.Shards);
        int yielded = 0;
        for (int i = 0; i < NotificationOutbox.Shards; i++)
        {
            string shard = ((first + i) % NotificationOutbox.Shards).ToString("D2", CultureInfo.InvariantCulture);
            await foreach (TableEntity row in storage.Outbox.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {shard}"), PageSize, cancellationToken: cancellation))
            {
                PendingNotification notification = PendingNotification.From(row);
                if (!notification.IsDue(now))
                {
                    continue;
                }

                yield return notification;
                if (++yielded >= settings.MaxPerRun)
                {
                    yield break;
                }
            }
        }
    }

    /// <summary>Another instance may have finished (and deleted) the row meanwhile; that is the outcome we wanted.</summary>
    private static async Task IgnoreMissingAsync(Task<Response> operation)
    {
        try
        {
            await operation;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering notification {Key} failed; it stays in the outbox for the next run.")]
    private static partial void LogRowFailed(ILogger logger, Exception error, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification delivery: {Examined} examined, {Completed} finished, {Waiting} waiting, {Errors} errors.")]
    private static partial void LogRun(ILogger logger, int examined, int completed, int waiting, int errors);
}
