using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace AnnualReview.Functions.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> (bearer sign-in described) and a browsable reference at
/// <c>/api/docs</c> (Scalar). Both are public: they describe the API, they do not open it.
/// </summary>
public static class ApiDocs
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string UiPath = "/api/docs";
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddApiDocs(this IServiceCollection services)
        => services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "AnnualReview API",
                Version = "v1",
                Description = "Kiểm điểm, đánh giá, xếp loại chất lượng: roster, cycles, reviews and audit. Errors are application/problem+json (Vietnamese, or English with Accept-Language: en). POST and PUT accept an Idempotency-Key header.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from Microsoft Entra ID, or in Development from POST /dev/token.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
            return Task.CompletedTask;
        }));

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference(UiPath, options => options
            .WithTitle("AnnualReview API")
            .WithOpenApiRoutePattern(DocumentPath));
        return app;
    }
}
