using Microsoft.DurableTask.Client;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>The review steps of the HTTP API: self-review, collective review, the cell meeting and its deputy, appraisal, organization ratings, recognition and re-rating.</summary>
public static class ReviewEndpoints
{
    /// <summary>Maps the review endpoints under <paramref name="api"/> (the <c>/api</c> group).</summary>
    public static RouteGroupBuilder MapReviewEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        IServiceProvider services = ((IEndpointRouteBuilder)api).ServiceProvider;
        var storage = services.GetRequiredService<AssessmentStorage>();
        var roster = services.GetRequiredService<RosterStore>();
        var readModels = services.GetRequiredService<ReadModelStore>();
        var submissions = services.GetRequiredService<SubmissionStore>();
        var commands = services.GetRequiredService<ReviewCommands>();
        var scope = services.GetRequiredService<UnitScope>();
        var cycles = new CycleDirectory(services.GetRequiredService<DurableTaskClient>());
        var access = new ReviewAccess(scope, roster);
        var remedies = services.GetRequiredService<RemedyResults>();

        new SelfReviewEndpoints(cycles, access, commands, submissions, storage, services.GetRequiredService<SelfReviewRules>(), services.GetRequiredService<Steps.SelfReviewSubmitterStep>()).Map(api);
        new CellEndpoints(cycles, access, commands, submissions, remedies, services.GetRequiredService<Steps.CellActorStep>()).Map(api);
        new DeputyEndpoints(services.GetRequiredService<Steps.DeputyStep>()).Map(api);
        new AppraisalEndpoints(cycles, access, commands, new AppraisalTable(roster, readModels, remedies)).Map(api);
        new OrganizationRatingEndpoints(services.GetRequiredService<Steps.OrganizationRatingStep>()).Map(api);
        services.GetRequiredService<RemedyEndpoints>().Map(api);
        new RecognitionEndpoints(cycles, access, commands, readModels, scope, services.GetRequiredService<TimeProvider>()).Map(api);
        return api;
    }
}
