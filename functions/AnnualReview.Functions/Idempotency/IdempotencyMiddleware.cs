using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;

namespace AnnualReview.Functions.Idempotency;

/// <summary>
/// Makes every POST and PUT under <c>/api</c> that carries an <c>Idempotency-Key</c> safe to retry: the first
/// answer (below 500) is kept for the caller and key; a retry with the same request gets it again with
/// <c>Idempotency-Replayed: true</c> and changes nothing; the same key with another request is refused (422);
/// a duplicate of a request still running is refused (409). Runs after sign-in, so keys are per caller.
/// </summary>
/// <remarks>Times are real time even when the app runs on a scaled clock: keys protect against network retries.</remarks>
public sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, IdempotencyOptions options, ILogger<IdempotencyMiddleware> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        HttpRequest request = context.Request;
        if (!Applies(request) || request.Headers[IdempotencyOptions.Header].ToString() is not { Length: > 0 } key)
        {
            await next(context);
            return;
        }

        var caller = Caller.From(context.User);
        if (!caller.IsAuthenticated)
        {
            await next(context);
            return;
        }

        if (key.Length > IdempotencyOptions.MaxKeyLength)
        {
            await ApiProblem.Result(context, ProblemKind.Validation, IdempotencyOptions.Header,
                $"Idempotency-Key dài tối đa {IdempotencyOptions.MaxKeyLength} ký tự.",
                $"An Idempotency-Key is at most {IdempotencyOptions.MaxKeyLength} characters.").ExecuteAsync(context);
            return;
        }

        if (request.ContentLength > options.MaxBodyBytes)
        {
            await ApiProblem.Result(context, ProblemKind.PayloadTooLarge).ExecuteAsync(context);
            return;
        }

        CancellationToken cancellation = context.RequestAborted;
        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: options.MaxBodyBytes);
        string requestHash;
        try
        {
            requestHash = await RequestFingerprint.ComputeAsync(request, cancellation);
        }
        catch (IOException) when (!cancellation.IsCancellationRequested)
        {
            // The buffer limit was passed (a chunked body with no length).
            await ApiProblem.Result(context, ProblemKind.PayloadTooLarge).ExecuteAsync(context);
            return;
        }

        string partition = IdempotencyStore.PartitionFor(caller.Subject, key);
        IResult? refusal = await ClaimAsync(context, partition, caller.Subject, key, requestHash, cancellation);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context);
            return;
        }

        await RunAndKeepAsync(context, partition, caller.Subject, key, requestHash);
    }

    private static bool Applies(HttpRequest request)
        => (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method))
           && request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>Claims the key, or answers for it: a replay, 422 for another request, 409 while the first still runs.</summary>
    private async Task<IResult?> ClaimAsync(HttpContext context, string partition, string subject, string key, string requestHash, CancellationToken cancellation)
    {
        while (true)
        {
            DateTimeOffset now = TimeProvider.System.GetUtcNow();
            var claim = new IdempotencyRecord(requestHash, false, now, now + options.Lifetime);
            var existing = await store.GetAsync(partition, cancellation);
            if (existing is null)
            {
                if (await store.TryClaimAsync(partition, subject, key, claim, cancellation))
                {
                    return null;
                }

                continue;
            }

            (IdempotencyRecord record, Azure.ETag etag) = existing.Value;
            bool expired = record.ExpiresAt <= now;
            bool abandoned = !record.Completed && record.StartedAt + options.InFlightLease <= now;
            if (expired || abandoned)
            {
                if (await store.TryTakeOverAsync(partition, subject, key, claim, etag, cancellation))
                {
                    // The first attempt may have written and raised part of its work before it died or failed.
                    if (abandoned)
                    {
                        context.Items[RequestKeys.MayHaveRunItem] = true;
                    }

                    return null;
                }

                continue;
            }

            if (!string.Equals(record.RequestHash, requestHash, StringComparison.Ordinal))
            {
                return ApiProblem.Result(context, ProblemKind.IdempotencyKeyReused, IdempotencyOptions.Header);
            }

            if (!record.Completed)
            {
                return ApiProblem.Result(context, ProblemKind.IdempotencyInProgress, IdempotencyOptions.Header);
            }

            return new Replay(record);
        }
    }

    private async Task RunAndKeepAsync(HttpContext context, string partition, string subject, string key, string requestHash)
    {
        Stream original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        bool kept = false;
        try
        {
            await next(context);
            HttpResponse response = context.Response;
            if (response.StatusCode < 500 && captured.Length <= IdempotencyStore.MaxStoredBody)
            {
                DateTimeOffset now = TimeProvider.System.GetUtcNow();
                var answer = new IdempotencyRecord(requestHash, true, now, now + options.Lifetime)
                {
                    Status = response.StatusCode,
                    ContentType = response.ContentType,
                    Location = response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                    Body = captured.ToArray(),
                };
                await store.CompleteAsync(partition, subject, key, answer, CancellationToken.None);
                kept = true;
            }
        }
        finally
        {
            if (!kept)
            {
                // A server error or an answer too large to keep: let a retry run again at once, as a retry of a
                // request that may have run (every command finds what an earlier attempt of its request wrote).
                await ReleaseQuietlyAsync(partition);
            }

            context.Response.Body = original;
            captured.Position = 0;
            if (captured.Length > 0 && !context.RequestAborted.IsCancellationRequested)
            {
                await captured.CopyToAsync(original, CancellationToken.None);
            }
        }
    }

    private async Task ReleaseQuietlyAsync(string partition)
    {
        try
        {
            await store.ReleaseAsync(partition, CancellationToken.None);
        }
        catch (Azure.RequestFailedException e)
        {
            log.LogWarning(e, "Could not release idempotency key row {Partition}; it expires by its lease.", partition);
        }
    }

    /// <summary>The first answer again, marked as a replay.</summary>
    private sealed class Replay(IdempotencyRecord record) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            HttpResponse response = httpContext.Response;
            response.StatusCode = record.Status;
            response.Headers[IdempotencyOptions.ReplayedHeader] = "true";
            if (record.ContentType is not null)
            {
                response.ContentType = record.ContentType;
            }

            if (record.Location is not null)
            {
                response.Headers.Location = record.Location;
            }

            response.ContentLength = record.Body.Length;
            await response.Body.WriteAsync(record.Body, httpContext.RequestAborted);
        }
    }
}
