using AnnualReview.Functions.Security;

namespace AnnualReview.Functions.Idempotency;

/// <summary>
/// The key a command stores its write under, so a retry of the same request finds that write instead of adding
/// another: the caller's <c>Idempotency-Key</c> on the API, the form's one-time token on the web; per caller.
/// </summary>
public static class RequestKeys
{
    /// <summary>The hidden field a web form carries its token in; a refresh or a double click posts the same token.</summary>
    public const string FormField = "requestToken";

    public static string? FromApi(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string key = context.Request.Headers[IdempotencyOptions.Header].ToString();
        return key.Length is > 0 and <= IdempotencyOptions.MaxKeyLength ? "api|" + IdempotencyStore.PartitionFor(Caller.From(context.User).Subject, key) : null;
    }

    public static string? FromForm(HttpContext context, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(values);
        return values.TryGetValue(FormField, out string? token) && token.Length is > 0 and <= 64
            ? "web|" + IdempotencyStore.PartitionFor(Caller.From(context.User).Subject, token)
            : null;
    }

    /// <summary>A new token for a form being shown.</summary>
    public static string NewFormToken() => Guid.NewGuid().ToString("N");
}
