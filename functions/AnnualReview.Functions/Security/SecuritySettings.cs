using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace AnnualReview.Functions.Security;

/// <summary>
/// How tokens are validated. In Azure: Microsoft Entra ID (<c>Auth:Authority</c>, <c>Auth:Audience</c>).
/// Locally: a development issuer whose symmetric signing key is in local settings (<c>Auth:DevelopmentSigningKey</c>).
/// Both may be set; a token is accepted from either.
/// </summary>
public sealed record SecuritySettings(string? Authority, string Audience, string? DevelopmentSigningKey, string DevelopmentIssuer)
{
    public const string DefaultAudience = "api://annualreview";
    public const string DefaultDevelopmentIssuer = "https://annualreview.local/dev";

    /// <summary>HS256 needs at least 256 bits of key.</summary>
    public const int MinimumKeyBytes = 32;

    public static SecuritySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? key = configuration["Auth:DevelopmentSigningKey"];
        if (key is not null && Encoding.UTF8.GetByteCount(key) < MinimumKeyBytes)
        {
            throw new InvalidOperationException($"Auth:DevelopmentSigningKey must be at least {MinimumKeyBytes} bytes.");
        }

        return new SecuritySettings(
            configuration["Auth:Authority"] is { Length: > 0 } authority ? authority : null,
            configuration["Auth:Audience"] is { Length: > 0 } audience ? audience : DefaultAudience,
            string.IsNullOrEmpty(key) ? null : key,
            configuration["Auth:DevelopmentIssuer"] is { Length: > 0 } issuer ? issuer : DefaultDevelopmentIssuer);
    }

    public bool HasDevelopmentIssuer => DevelopmentSigningKey is not null;

    public SymmetricSecurityKey DevelopmentKey()
        => new(Encoding.UTF8.GetBytes(DevelopmentSigningKey ?? throw new InvalidOperationException("No development signing key is configured.")));
}
