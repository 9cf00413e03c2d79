using System.Security.Claims;

namespace AnnualReview.Functions.Security;

/// <summary>Who is calling, read once from the validated token.</summary>
public sealed record Caller(string Subject, string Name, IReadOnlySet<string> Roles, string? UnitId, string? MemberId)
{
    public static Caller From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var roles = principal.FindAll(AppClaims.Roles).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        string subject = principal.FindFirstValue(AppClaims.Subject) ?? "";
        return new Caller(
            subject,
            principal.FindFirstValue(AppClaims.Name) ?? subject,
            roles,
            principal.FindFirstValue(AppClaims.Unit),
            principal.FindFirstValue(AppClaims.Member));
    }

    public bool IsAuthenticated => Subject.Length > 0;

    public bool Is(string role) => Roles.Contains(role);

    public bool IsAny(params string[] roles) => roles.Any(Roles.Contains);

    /// <summary>What goes into history as "by": stable and readable.</summary>
    public string Actor => MemberId is null ? $"{Subject}" : $"{Subject} ({MemberId})";
}
