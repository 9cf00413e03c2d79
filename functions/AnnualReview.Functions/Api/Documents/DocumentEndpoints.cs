using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Api.Audit;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.TaskHub.Sealing;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;
using Microsoft.DurableTask.Client;

namespace AnnualReview.Functions.Api.Documents;

/// <summary>
/// The paper dossier: each official document of a cycle as DOCX, and a unit's whole dossier as a ZIP. Each
/// document is readable by exactly those who read the same data through the API: a member their own self-review,
/// readers (secretary, committee, board, auditor) in their subtree; the decision list as the appraisal table.
/// </summary>
public static class DocumentEndpoints
{
    public const string Prefix = "/cycles/{cycleId}/documents";

    /// <summary>Who reads the appraisal table, and so the decision list printed from it.</summary>
    private static readonly string[] AppraisalReaders = [AppRoles.Committee, AppRoles.OrganizationBoard, AppRoles.Auditor, AppRoles.Admin];

    /// <summary>Who takes a whole unit's dossier away: the board files it; auditors and admins read everything.</summary>
    private static readonly string[] DossierReaders = [AppRoles.OrganizationBoard, AppRoles.Auditor, AppRoles.Admin];

    public static RouteGroupBuilder MapDocuments(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        DocumentHandlers handlers = Handlers(((IEndpointRouteBuilder)api).ServiceProvider);

        RouteGroupBuilder documents = api.MapGroup(Prefix).WithTags("Documents");
        Docx(documents.MapGet("/members/{memberId}/self-review.docx", handlers.SelfReviewAsync), [AppRoles.Member, .. ReviewAccess.Readers],
            "DownloadSelfReviewDocument", "Bản kiểm điểm cá nhân (Mẫu 02A/02B/02C) / The member's self-review, latest version");
        Docx(documents.MapGet("/cells/{cellId}/collective-report.docx", handlers.CollectiveReportAsync), ReviewAccess.Readers,
            "DownloadCollectiveReport", "Báo cáo kiểm điểm tập thể (Mẫu 01) / The cell's collective report");
        Docx(documents.MapGet("/cells/{cellId}/meeting-minutes.docx", handlers.MeetingMinutesAsync), ReviewAccess.Readers,
            "DownloadMeetingMinutes", "Biên bản họp chi bộ / The cell meeting's minutes with the vote counts");
        Docx(documents.MapGet("/organizations/{grassrootsId}/decision-list.docx", handlers.DecisionListAsync), AppraisalReaders,
            "DownloadDecisionList", "Danh sách xếp loại kèm quyết định / The committee's decision list with levels and reasons");
        Docx(documents.MapGet("/units/{unitId}/report.docx", handlers.UnitReportAsync), ReviewAccess.Readers,
            "DownloadUnitReport", "Báo cáo kết quả lên cấp trên (Mẫu 04) / The report upward");
        documents.MapGet("/units/{unitId}/dossier.zip", handlers.DossierAsync)
            .RequireAuthorization(p => p.RequireRole(DossierReaders))
            .WithName("DownloadDossier")
            .WithSummary("Toàn bộ hồ sơ của đơn vị (ZIP, kèm manifest.json SHA-256) / The unit's whole dossier with its manifest")
            .Produces(StatusCodes.Status200OK, contentType: DossierBuilder.ZipType)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        Docx(api.MapGet("/documents/members/{memberId}/re-ratings/{year:int}/{reference}.docx", handlers.ReRatingAsync).WithTags("Documents"),
            [AppRoles.Member, .. ReviewAccess.Readers], "DownloadReRatingDecision", "Quyết định xếp loại lại (Mẫu 03) / A re-rating decision");
        return api;
    }

    /// <summary>The handlers over the app's stores; the web's download links run the same ones behind its cookie sign-in.</summary>
    internal static DocumentHandlers Handlers(IServiceProvider services)
    {
        var roster = services.GetRequiredService<RosterStore>();
        var readModels = services.GetRequiredService<ReadModelStore>();
        var client = services.GetRequiredService<DurableTaskClient>();
        var cycles = new CycleDirectory(client);
        var clock = services.GetRequiredService<TimeProvider>();
        var sources = new DocumentSources(roster, services.GetRequiredService<SubmissionStore>(), readModels, services.GetRequiredService<HistoryVerifier>(),
            cycles, clock, DocumentSettings.From(services.GetRequiredService<IConfiguration>()), services.GetRequiredService<RemedyResults>());
        return new DocumentHandlers(cycles, new ReviewAccess(services.GetRequiredService<UnitScope>(), roster), sources, readModels, client,
            new DossierBuilder(sources, readModels, services.GetRequiredService<AuditExport>(), client, clock));
    }

    /// <summary>Who may download which document, shared with the web's links.</summary>
    internal static string[] AppraisalRoles => AppraisalReaders;

    internal static string[] DossierRoles => DossierReaders;

    private static void Docx(RouteHandlerBuilder route, string[] roles, string name, string summary)
        => route.RequireAuthorization(p => p.RequireRole(roles))
            .WithName(name)
            .WithSummary(summary)
            .Produces(StatusCodes.Status200OK, contentType: DocumentFile.DocxType)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
