using System.Security.Cryptography;
using System.Text;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;

namespace AnnualReview.Functions.Management;

/// <summary>
/// Who may use the management API: the system key (app setting <c>ManagementApiKey</c>, given as the <c>code</c>
/// query parameter or the <c>x-functions-key</c> header, as Durable Functions' URIs carry it) may do everything;
/// a signed-in Admin may do everything; an Auditor may only read, and only the instances of their part of the tree
/// (<see cref="InstanceVisibility"/>). Anyone else is refused.
/// </summary>
public sealed class ManagementAccess(IConfiguration configuration)
{
    public const string KeySetting = "ManagementApiKey";
    public const string KeyQuery = "code";
    public const string KeyHeader = "x-functions-key";

    /// <summary>Set on the request when the caller used the key, so the links we return can carry it back.</summary>
    private const string UsedKeyItem = "management.key";

    public static string? KeyUsedBy(HttpContext context)
        => context?.Items.TryGetValue(UsedKeyItem, out object? key) == true ? key as string : null;

    public async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(next);
        HttpContext context = invocation.HttpContext;
        string? presented = context.Request.Query[KeyQuery].FirstOrDefault() ?? context.Request.Headers[KeyHeader].FirstOrDefault();
        if (presented is { Length: > 0 })
        {
            if (!KeyMatches(presented))
            {
                return ApiProblem.Result(context, ProblemKind.Unauthenticated, KeyQuery, "Khóa quản trị không đúng.", "The management key is not valid.");
            }

            context.Items[UsedKeyItem] = presented;
            return await next(invocation);
        }

        if (context.User.Identity?.IsAuthenticated != true)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return ApiProblem.Result(context, ProblemKind.Unauthenticated);
        }

        bool reads = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        if (context.User.IsInRole(AppRoles.Admin) || (reads && context.User.IsInRole(AppRoles.Auditor)))
        {
            return await next(invocation);
        }

        return ApiProblem.Result(context, ProblemKind.Forbidden, detailVi: "Chỉ Admin được thay đổi tiến trình; Auditor chỉ được xem.", detailEn: "Only an Admin may change instances; an Auditor may only read.");
    }

    /// <summary>Compares hashes of both sides in constant time, so neither the key's content nor its length leaks through timing.</summary>
    private bool KeyMatches(string presented)
    {
        if (configuration[KeySetting] is not { Length: > 0 } expected)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
