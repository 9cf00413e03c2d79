using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace AnnualReview.Functions.Security;

/// <summary>JWT bearer sign-in (Entra ID and/or the development issuer) and the subtree scope check.</summary>
public static class SecurityRegistration
{
    public static IServiceCollection AddAppSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        SecuritySettings settings = SecuritySettings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton<DevelopmentTokens>();
        services.AddSingleton<UnitScope>();
        services.AddAuthorization();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            var validIssuers = new List<string>();
            var keys = new List<SecurityKey>();
            if (settings.Authority is not null)
            {
                // Entra: keys and issuer come from the authority's metadata.
                options.Authority = settings.Authority;
            }

            if (settings.HasDevelopmentIssuer)
            {
                validIssuers.Add(settings.DevelopmentIssuer);
                keys.Add(settings.DevelopmentKey());
            }

            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidAudience = settings.Audience,
                ValidIssuers = validIssuers.Count > 0 && settings.Authority is null ? validIssuers : null,
                ValidateIssuer = settings.Authority is null ? validIssuers.Count > 0 : true,
                IssuerSigningKeys = keys,
                NameClaimType = AppClaims.Name,
                RoleClaimType = AppClaims.Roles,
                ClockSkew = TimeSpan.FromMinutes(2),
            };
            if (settings.Authority is not null && settings.HasDevelopmentIssuer)
            {
                // Both issuers: accept the authority's (from metadata) and the development one.
                options.TokenValidationParameters.IssuerValidator = (issuer, token, parameters) =>
                    issuer == settings.DevelopmentIssuer || (parameters.ValidIssuers?.Contains(issuer) ?? false) || issuer == parameters.ValidIssuer
                        ? issuer
                        : throw new SecurityTokenInvalidIssuerException($"Issuer '{issuer}' is not accepted.");
            }
        });
        return services;
    }
}
