using System.Net;
using Azure;
using Azure.Data.Tables;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Notifications.Delivery;

/// <summary>Where one channel's delivery of one notification stands.</summary>
public enum DeliveryState
{
    /// <summary>Claimed by an instance that is sending now (until its lease runs out).</summary>
    Sending,

    Sent,

    /// <summary>A failed attempt; the next one is due at <see cref="DeliveryRecord.NextAttemptAt"/>.</summary>
    Waiting,

    /// <summary>Given up: a permanent refusal, or too many failed attempts.</summary>
    Failed,

    /// <summary>
    /// The sender stopped mid-send (a crash, a broken connection after the message went out) and the channel
    /// cannot tell whether it arrived; not sent again so nobody gets it twice.
    /// </summary>
    Interrupted,
}

/// <summary>One row of the ledger, as tests and diagnostics read it.</summary>
public sealed record DeliveryRecord(string NotificationKey, string Channel, DeliveryState State, int Attempts, string? Recipient)
{
    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public string? LastError { get; init; }
}

/// <summary>A channel's hold on one notification: only the holder of this ETag may record how the attempt ended.</summary>
public sealed record DeliveryClaim(string NotificationKey, string Channel, int Attempt, ETag ETag);

/// <summary>The answer to "may I send this now?": a claim, "already finished", or "not before".</summary>
public sealed record ClaimResult(DeliveryClaim? Claim, ChannelOutcome Outcome)
{
    public static ClaimResult Won(DeliveryClaim claim) => new(claim, ChannelOutcome.Finished);

    public static ClaimResult Done { get; } = new(null, ChannelOutcome.Finished);

    public static ClaimResult NotBefore(DateTimeOffset at) => new(null, ChannelOutcome.Later(at));
}

/// <summary>
/// The durable record of what each channel did with each notification (table <c>{prefix}Deliveries</c>, PK
/// notification key, RK channel). It is separate from the outbox because the workflows rewrite outbox rows
/// whole when an activity is retried; the ledger keeps "already sent" across that.
/// <para>
/// A channel claims before it sends: the first claim is an insert, so of two instances racing exactly one wins
/// (the other gets 409); every later change is conditional on the ETag the claimer holds. The claim carries a
/// lease; an instance that dies while holding it leaves the row in <see cref="DeliveryState.Sending"/>, and
/// whoever finds it after the lease decides by channel whether to resend (<c>resendInterrupted</c>).
/// </para>
/// </summary>
public sealed class DeliveryLedger(TableClient table, NotificationSettings settings, TimeProvider clock)
{
    private readonly Lazy<Task> _created = new(() => table.CreateIfNotExistsAsync());

    public TableClient Table => table;

    /// <summary>The ledger lives in the same account as the assessment's tables, under the same prefix.</summary>
    public static TableClient TableFor(AssessmentStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string name = options.Prefix + "Deliveries";
        return options.TableServiceUri is not null && options.Credential is not null
            ? new TableClient(options.TableServiceUri, name, options.Credential)
            : new TableClient(options.ConnectionString ?? throw new ArgumentException("A connection string or a table service URI with a credential is required."), name);
    }

    public Task EnsureCreatedAsync() => _created.Value;

    /// <param name="resendInterrupted">
    /// Whether a claim whose holder vanished mid-send may be taken over and the message sent again (true for a
    /// channel whose receiver drops duplicates by delivery id) or is recorded as <see cref="DeliveryState.Interrupted"/>.
    /// </param>
    public async Task<ClaimResult> TryClaimAsync(string key, string channel, string? recipient, bool resendInterrupted, CancellationToken cancellation)
    {
        DateTimeOffset now = clock.GetUtcNow();
        var fresh = new TableEntity(key, channel)
        {
            ["State"] = nameof(DeliveryState.Sending),
            ["Attempts"] = 1,
            ["LeaseUntil"] = now + settings.ClaimLease,
            ["Recipient"] = recipient,
        };
        try
        {
            Response added = await table.AddEntityAsync(fresh, cancellation);
            return ClaimResult.Won(new DeliveryClaim(key, channel, 1, added.Headers.ETag ?? ETag.All));
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            // Someone claimed it before: decide from what they left.
        }

        NullableResponse<TableEntity> found = await table.GetEntityIfExistsAsync<TableEntity>(key, channel, cancellationToken: cancellation);
        if (!found.HasValue)
        {
            // Removed between our insert and read (not something this code does); try again next run.
            return ClaimResult.NotBefore(now);
        }

        TableEntity row = found.Value!;
        var state = Enum.Parse<DeliveryState>(row.GetString("State") ?? nameof(DeliveryState.Sending));
        int attempts = row.GetInt32("Attempts") ?? 1;
        switch (state)
        {
            case DeliveryState.Sent or DeliveryState.Failed or DeliveryState.Interrupted:
                return ClaimResult.Done;
            case DeliveryState.Sending when row.GetDateTimeOffset("LeaseUntil") is { } lease && lease > now:
                return ClaimResult.NotBefore(lease);
            case DeliveryState.Sending when !resendInterrupted:
                await UpdateIfUnchangedAsync(row, new TableEntity(key, channel)
                {
                    ["State"] = nameof(DeliveryState.Interrupted),
                    ["LastError"] = "The sender stopped before recording the result; not sent again to avoid a duplicate.",
                }, cancellation);
                return ClaimResult.Done;
            case DeliveryState.Waiting when row.GetDateTimeOffset("NextAttemptAt") is { } next && next > now:
                return ClaimResult.NotBefore(next);
        }

        // A due retry, or a stale claim this channel may take over.
        var retake = new TableEntity(key, channel)
        {
            ["State"] = nameof(DeliveryState.Sending),
            ["Attempts"] = attempts + 1,
            ["LeaseUntil"] = now + settings.ClaimLease,
        };
        ETag? etag = await UpdateIfUnchangedAsync(row, retake, cancellation);
        return etag is { } won ? ClaimResult.Won(new DeliveryClaim(key, channel, attempts + 1, won)) : ClaimResult.NotBefore(now + settings.ClaimLease);
    }

    public Task<bool> MarkSentAsync(DeliveryClaim claim, string? detail, CancellationToken cancellation)
        => FinishAsync(claim, DeliveryState.Sent, detail, null, cancellation);

    public Task<bool> MarkFailedAsync(DeliveryClaim claim, string error, CancellationToken cancellation)
        => FinishAsync(claim, DeliveryState.Failed, null, error, cancellation);

    public Task<bool> MarkInterruptedAsync(DeliveryClaim claim, string error, CancellationToken cancellation)
        => FinishAsync(claim, DeliveryState.Interrupted, null, error, cancellation);

    /// <summary>A failed attempt: wait and try again with exponential back-off, or give up after the last attempt.</summary>
    public async Task<ChannelOutcome> MarkAttemptFailedAsync(DeliveryClaim claim, string error, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.Attempt >= settings.MaxAttempts)
        {
            await MarkFailedAsync(claim, $"Gave up after {claim.Attempt} attempts. Last error: {error}", cancellation);
            return ChannelOutcome.Finished;
        }

        DateTimeOffset next = clock.GetUtcNow() + settings.BackOff(claim.Attempt);
        await UpdateAsync(claim, new TableEntity(claim.NotificationKey, claim.Channel)
        {
            ["State"] = nameof(DeliveryState.Waiting),
            ["NextAttemptAt"] = next,
            ["LastError"] = Trim(error),
        }, cancellation);
        return ChannelOutcome.Later(next);
    }

    public async Task<IReadOnlyList<DeliveryRecord>> ReadAsync(string key, CancellationToken cancellation)
    {
        var records = new List<DeliveryRecord>();
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key}"), cancellationToken: cancellation))
        {
            records.Add(new DeliveryRecord(row.PartitionKey, row.RowKey, Enum.Parse<DeliveryState>(row.GetString("State") ?? nameof(DeliveryState.Sending)), row.GetInt32("Attempts") ?? 0, row.GetString("Recipient"))
            {
                NextAttemptAt = row.GetDateTimeOffset("NextAttemptAt"),
                SentAt = row.GetDateTimeOffset("SentAt"),
                LastError = row.GetString("LastError"),
            });
        }

        return records;
    }

    private async Task<bool> FinishAsync(DeliveryClaim claim, DeliveryState state, string? detail, string? error, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var row = new TableEntity(claim.NotificationKey, claim.Channel) { ["State"] = state.ToString() };
        if (state == DeliveryState.Sent)
        {
            row["SentAt"] = clock.GetUtcNow();
            row["Detail"] = detail is null ? null : Trim(detail);
        }
        else
        {
            row["LastError"] = Trim(error ?? "");
        }

        return await UpdateAsync(claim, row, cancellation);
    }

    /// <summary>Records the end of an attempt, only while the claim is still ours.</summary>
    private async Task<bool> UpdateAsync(DeliveryClaim claim, TableEntity changes, CancellationToken cancellation)
    {
        try
        {
            await table.UpdateEntityAsync(changes, claim.ETag, TableUpdateMode.Merge, cancellation);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            // The lease ran out while we were sending and another instance took the row over; what it decided stands.
            return false;
        }
    }

    private async Task<ETag?> UpdateIfUnchangedAsync(TableEntity current, TableEntity changes, CancellationToken cancellation)
    {
        try
        {
            Response response = await table.UpdateEntityAsync(changes, current.ETag, TableUpdateMode.Merge, cancellation);
            return response.Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            return null;
        }
    }

    /// <summary>Table string properties hold up to 64 KiB; errors are kept short anyway.</summary>
    private static string Trim(string text) => text.Length <= 2000 ? text : text[..2000];
}
