using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AnnualReview.Functions.Security;

/// <summary>Mints tokens from the development issuer. Only reachable over HTTP in the Development environment.</summary>
/// <remarks>Token lifetimes are real time even when the app runs on a scaled clock.</remarks>
public sealed class DevelopmentTokens(SecuritySettings settings)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public string Mint(string subject, string name, IEnumerable<string> roles, string? unitId, string? memberId, string? email = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentNullException.ThrowIfNull(roles);
        var claims = new List<Claim> { new(AppClaims.Subject, subject), new(AppClaims.Name, name) };
        claims.AddRange(roles.Select(r => new Claim(AppClaims.Roles, r)));
        if (unitId is not null)
        {
            claims.Add(new Claim(AppClaims.Unit, unitId));
        }

        if (memberId is not null)
        {
            claims.Add(new Claim(AppClaims.Member, memberId));
        }

        if (email is not null)
        {
            claims.Add(new Claim(AppClaims.Email, email));
        }

        DateTime now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.DevelopmentIssuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now.Add(Lifetime),
            SigningCredentials = new SigningCredentials(settings.DevelopmentKey(), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
