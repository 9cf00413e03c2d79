using AnnualReview.Functions.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace AnnualReview.Functions.Security;

/// <summary>Sign-in and role failures answer as problem+json like every other error, not as a bare 401/403.</summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ApiProblem.Result(context, ProblemKind.Unauthenticated).ExecuteAsync(context);
            return;
        }

        if (authorizeResult.Forbidden)
        {
            await ApiProblem.Result(context, ProblemKind.Forbidden).ExecuteAsync(context);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
