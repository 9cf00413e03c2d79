using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Commands;

namespace AnnualReview.Functions.Idempotency;

/// <summary>
/// The request a command runs for, so a retry of the same request finds what the first attempt wrote instead of
/// writing it again: the caller's <c>Idempotency-Key</c> on the API, the form's one-time token on the web; per caller.
/// </summary>
public static class RequestKeys
{
    /// <summary>The hidden field a web form carries its token in; a refresh or a double click posts the same token.</summary>
    public const string FormField = "requestToken";

    /// <summary>Set by the idempotency middleware when it runs a request again whose first attempt did not finish.</summary>
    internal const string MayHaveRunItem = "AnnualReview.Idempotency.MayHaveRun";

    public static CommandRequest? FromApi(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string key = context.Request.Headers[IdempotencyOptions.Header].ToString();
        return key.Length is > 0 and <= IdempotencyOptions.MaxKeyLength
            ? new CommandRequest("api|" + IdempotencyStore.PartitionFor(Caller.From(context.User).Subject, key), context.Items.ContainsKey(MayHaveRunItem))
            : null;
    }

    /// <summary>A form may be posted again after its first post went through, so the command always looks first.</summary>
    public static CommandRequest? FromForm(HttpContext context, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(values);
        return values.TryGetValue(FormField, out string? token) && token.Length is > 0 and <= 64
            ? new CommandRequest("web|" + IdempotencyStore.PartitionFor(Caller.From(context.User).Subject, token), MayHaveRun: true)
            : null;
    }

    /// <summary>A new token for a form being shown.</summary>
    public static string NewFormToken() => Guid.NewGuid().ToString("N");
}
