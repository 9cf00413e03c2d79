using System.Text.Json.Serialization;
using AnnualReview.Functions.Api.Audit;
using AnnualReview.Functions.Api.Documents;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.Functions.Api.Cycles;
using AnnualReview.Functions.Api.Roster;
using AnnualReview.Functions.Development;
using AnnualReview.Functions.Idempotency;
using AnnualReview.Functions.OpenApi;

namespace AnnualReview.Functions.Api;

/// <summary>The HTTP API under <c>/api</c>, its documentation, idempotency keys and the development helpers.</summary>
public static class ApiRoutes
{
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        // Enums travel by name ("Cell", "Submitted"), in requests and answers alike.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddIdempotency(configuration);
        services.AddApiDocs();
        services.AddSingleton(sp => new SelfReviewRules(new CycleDirectory(sp.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>()), sp.GetRequiredService<AnnualReview.Workflows.Storage.SubmissionStore>()));
        services.AddSingleton<AnnualReview.Workflows.Commands.CarriedShortcomings>();
        services.AddSingleton<Reviews.RemedyResults>();
        services.AddSingleton<Reviews.RemedyReport>();
        services.AddSingleton<Reviews.RemedyEndpoints>();
        services.AddSingleton<AnnualReview.Workflows.Commands.IRemedyCounter, AnnualReview.Workflows.Commands.RemedyCounter>();
        services.AddSingleton<RosterImportScope>();
        services.AddSingleton(sp => new CycleDirectory(sp.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>()));
        services.AddSingleton<ReviewAccess>();
        services.AddSingleton<Steps.RosterImportStep>();
        services.AddSingleton<Steps.OrganizationRatingStep>();
        services.AddSingleton<Steps.CellLevelsStep>();
        services.AddSingleton<Steps.SelfReviewSubmitterStep>();
        services.AddSingleton<Steps.CellActorStep>();
        services.AddSingleton<Steps.DeputyStep>();
        services.AddSingleton<CycleAccess>();
        services.AddSingleton<CycleReports>();
        services.AddSingleton<AuditExport>();
        services.AddSingleton<Personas>();
        services.AddHostedService<DemoOrganization>();
        return services;
    }

    /// <summary>Call after sign-in and authorization: idempotency keys are kept per caller.</summary>
    public static IApplicationBuilder UseApiMiddleware(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseEmptyStatusProblems();
        app.UseIdempotency();
        return app;
    }

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        RouteGroupBuilder api = app.MapGroup("/api");
        api.AddEndpointFilter(IdShape.RouteFilter);
        api.MapRoster();
        api.MapCycles();
        api.MapAudit();
        api.MapReviewEndpoints();
        api.MapDocuments();
        app.MapApiDocs();
        app.MapDevelopment();
        return app;
    }
}
