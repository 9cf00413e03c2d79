using System.Security.Claims;
using AnnualReview.Functions.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AnnualReview.Functions.Web;

/// <summary>
/// Web sign-in with Microsoft Entra ID, on when <c>Web:Entra:ClientId</c> is set: <c>Web:Entra:Authority</c> (default
/// <c>Auth:Authority</c>), <c>Web:Entra:ClientSecret</c>, and the names of the token claims that carry the person's unit
/// and member id (<c>Web:Entra:UnitClaim</c>, <c>Web:Entra:MemberClaim</c>; directory extension attributes or optional
/// claims configured on the app registration). App roles arrive in "roles" as for the API.
/// </summary>
public sealed record EntraWebSettings(string Authority, string ClientId, string? ClientSecret, string UnitClaim, string MemberClaim)
{
    public static EntraWebSettings? From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? authority = configuration["Web:Entra:Authority"] is { Length: > 0 } a ? a : configuration["Auth:Authority"];
        return configuration["Web:Entra:ClientId"] is { Length: > 0 } clientId && authority is { Length: > 0 }
            ? new EntraWebSettings(
                authority,
                clientId,
                configuration["Web:Entra:ClientSecret"] is { Length: > 0 } secret ? secret : null,
                configuration["Web:Entra:UnitClaim"] is { Length: > 0 } unit ? unit : AppClaims.Unit,
                configuration["Web:Entra:MemberClaim"] is { Length: > 0 } member ? member : AppClaims.Member)
            : null;
    }
}

public static class EntraSignIn
{
    public const string Scheme = "Entra";

    public static void Add(AuthenticationBuilder authentication, EntraWebSettings settings)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(settings);
        authentication.AddOpenIdConnect(Scheme, options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            options.SignInScheme = WebUi.Scheme;
            options.CallbackPath = WebUi.Root + "/signin-oidc";
            options.SignedOutCallbackPath = WebUi.Root + "/signout-oidc";
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = AppClaims.Name;
            options.TokenValidationParameters.RoleClaimType = AppClaims.Roles;
            options.Events.OnTokenValidated = context =>
            {
                if (context.Principal is { } principal)
                {
                    context.Principal = Normalize(principal, settings);
                }

                return Task.CompletedTask;
            };
        });
    }

    /// <summary>
    /// The person as the app reads everyone: a stable subject (the object id, the same in every app, rather than
    /// Entra's per-app "sub"), name, roles, and the unit and member id from the configured claims.
    /// </summary>
    public static ClaimsPrincipal Normalize(ClaimsPrincipal principal, EntraWebSettings settings)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(settings);
        string subject = principal.FindFirstValue("oid") ?? principal.FindFirstValue(AppClaims.Subject) ?? "";
        var claims = new List<Claim> { new(AppClaims.Subject, subject), new(AppClaims.Name, principal.FindFirstValue(AppClaims.Name) ?? subject) };
        claims.AddRange(principal.FindAll(AppClaims.Roles).Select(r => new Claim(AppClaims.Roles, r.Value)));
        if (principal.FindFirstValue(settings.UnitClaim) is { Length: > 0 } unit)
        {
            claims.Add(new Claim(AppClaims.Unit, unit));
        }

        if (principal.FindFirstValue(settings.MemberClaim) is { Length: > 0 } member)
        {
            claims.Add(new Claim(AppClaims.Member, member));
        }

        if ((principal.FindFirstValue(AppClaims.Email) ?? principal.FindFirstValue("preferred_username")) is { Length: > 0 } email)
        {
            claims.Add(new Claim(AppClaims.Email, email));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, AppClaims.Name, AppClaims.Roles));
    }

    /// <summary>Starts the Entra sign-in and comes back to the page the person wanted.</summary>
    internal static IResult Challenge(string? back)
        => Results.Challenge(new AuthenticationProperties { RedirectUri = LanguageToggle.LocalOrHome(back) }, [Scheme]);
}
