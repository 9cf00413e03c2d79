using System.Text;

namespace AnnualReview.Functions.Management;

/// <summary>
/// The management payload Durable Functions returns on start (<c>id</c>, <c>statusQueryGetUri</c>, ...). Links
/// point at the public host name when App Service provides one (<c>WEBSITE_HOSTNAME</c>), since behind the
/// Functions host the request itself arrives on localhost. The key is added only if the caller used it.
/// </summary>
public sealed record ManagementLinks(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string SuspendPostUri,
    string ResumePostUri,
    string RestartPostUri,
    string PurgeHistoryDeleteUri)
{
    public const string Root = "/runtime/webhooks/durabletask";

    public static ManagementLinks For(HttpContext context, IConfiguration configuration, string taskHub, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(context);
        string origin = configuration?["WEBSITE_HOSTNAME"] is { Length: > 0 } publicHost
            ? "https://" + publicHost
            : $"{context.Request.Scheme}://{context.Request.Host}";
        string instance = $"{origin}{Root}/instances/{Uri.EscapeDataString(instanceId)}";
        var query = new StringBuilder("taskHub=").Append(Uri.EscapeDataString(taskHub)).Append("&connection=Storage");
        if (ManagementAccess.KeyUsedBy(context) is { } key)
        {
            query.Append("&code=").Append(Uri.EscapeDataString(key));
        }

        string q = query.ToString();
        return new ManagementLinks(
            instanceId,
            $"{instance}?{q}",
            $"{instance}/raiseEvent/{{eventName}}?{q}",
            $"{instance}/terminate?reason={{text}}&{q}",
            $"{instance}/suspend?reason={{text}}&{q}",
            $"{instance}/resume?reason={{text}}&{q}",
            $"{instance}/restart?{q}",
            $"{instance}?{q}");
    }
}
