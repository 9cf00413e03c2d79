using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;

namespace AnnualReview.Functions.Development;

/// <summary>
/// Sign-in helpers for development: <c>GET /dev/personas</c> and <c>POST /dev/token</c>. They exist only in the
/// Development environment with a development signing key; anywhere else the routes are not mapped at all (404).
/// </summary>
public static class DevelopmentEndpoints
{
    public static bool Enabled(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<IHostEnvironment>().IsDevelopment() && services.GetRequiredService<SecuritySettings>().HasDevelopmentIssuer;
    }

    public static IEndpointRouteBuilder MapDevelopment(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!Enabled(app.ServiceProvider))
        {
            return app;
        }

        RouteGroupBuilder dev = app.MapGroup("/dev").WithTags("Development").AllowAnonymous();
        dev.MapGet("/personas", async (Personas personas, CancellationToken cancellation) => Results.Ok(await personas.ListAsync(cancellation)))
            .WithName("ListPersonas")
            .WithSummary("Development only: people to sign in as, picked from the roster")
            .Produces<IReadOnlyList<Persona>>();
        dev.MapPost("/token", TokenAsync)
            .WithName("MintDevelopmentToken")
            .WithSummary("Development only: a bearer token for a persona, or for the roles, unit and member given")
            .Produces<DevToken>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> TokenAsync(DevTokenRequest? request, HttpContext context, Personas personas, DevelopmentTokens tokens, CancellationToken cancellation)
    {
        Persona? persona;
        if (request?.Persona is { Length: > 0 } id)
        {
            persona = (await personas.ListAsync(cancellation)).FirstOrDefault(p => p.Id == id);
            if (persona is null)
            {
                return ApiProblem.Result(context, ProblemKind.Validation, "persona", $"Không có vai mẫu \"{id}\".", $"There is no persona \"{id}\".");
            }
        }
        else if (request?.Roles is { Count: > 0 } roles)
        {
            if (roles.FirstOrDefault(r => !AppRoles.All.Contains(r)) is { } unknown)
            {
                return ApiProblem.Result(context, ProblemKind.Validation, "roles", $"Không có vai trò \"{unknown}\".", $"There is no role \"{unknown}\"; roles are {string.Join(", ", AppRoles.All)}.");
            }

            persona = new Persona("custom", request.Name ?? request.Member ?? string.Join('+', roles), "Custom", roles, request.Unit, request.Member);
        }
        else
        {
            return ApiProblem.Result(context, ProblemKind.Validation, "persona", "Chọn một vai mẫu hoặc nêu vai trò.", "Give a persona, or roles with a unit and member.");
        }

        string subject = persona.Member ?? $"{persona.Id}@{persona.Unit ?? "all"}";
        string token = tokens.Mint(subject, persona.Name, persona.Roles, persona.Unit, persona.Member);
        return Results.Ok(new DevToken(token, "Bearer", (int)DevelopmentTokens.Lifetime.TotalSeconds, persona));
    }
}
