namespace AnnualReview.Functions.Security;

/// <summary>Claim names the app reads from a token. Inbound claim mapping is off, so these are the JWT names as issued.</summary>
public static class AppClaims
{
    public const string Subject = "sub";
    public const string Name = "name";

    /// <summary>Entra app roles arrive in "roles"; the development issuer uses the same claim.</summary>
    public const string Roles = "roles";

    /// <summary>The unit at the top of the caller's subtree.</summary>
    public const string Unit = "unit";

    /// <summary>The caller's own member id, for members (and secretaries, who are members too).</summary>
    public const string Member = "member";

    public const string Email = "email";
}
