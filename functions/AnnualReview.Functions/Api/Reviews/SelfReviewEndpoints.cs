using AnnualReview.Functions.Idempotency;
using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Api.Attachments;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Steps;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>
/// A member's self-review (bản tự kiểm điểm): submit a new version with attachments, list the versions, download
/// an attachment. The member submits, or the cell's secretary for a member handed over to them
/// (<see cref="SelfReviewSubmitterStep"/>); readers in the subtree see it; nothing is ever overwritten.
/// </summary>
internal sealed class SelfReviewEndpoints(CycleDirectory cycles, ReviewAccess access, ReviewCommands commands, SubmissionStore submissions, AssessmentStorage storage, SelfReviewRules rules, SelfReviewSubmitterStep submitters)
{
    private const string Path = "/cycles/{cycleId}/members/{memberId}/self-review";

    public void Map(RouteGroupBuilder api)
    {
        api.MapPost(Path, SubmitAsync)
            .RequireAuthorization(p => p.RequireRole(AppRoles.Member, AppRoles.CellSecretary))
            .WithMetadata(new RequestSizeLimitAttribute(SelfReviewUpload.MaxRequestBytes))
            .Accepts<SelfReviewFormFields>("multipart/form-data")
            .WithName("SubmitSelfReview")
            .WithSummary("Nộp bản tự kiểm điểm (một phiên bản mới) / Submit a self-review version")
            .WithDescription("Multipart form: sections (JSON object code → text) or one field per section, selfRating, optional form, 0–5 attachments (PDF, DOCX, JPEG, PNG by content, ≤ 10 MB each).")
            .Produces<ReviewVersionView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapGet(Path, ListAsync)
            .RequireAuthorization(p => p.RequireRole([AppRoles.Member, .. ReviewAccess.Readers]))
            .WithName("GetSelfReviewVersions")
            .WithSummary("Các phiên bản bản tự kiểm điểm / A member's self-review versions")
            .Produces<SelfReviewHistoryView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet(Path + "/attachments/{sha256}", DownloadAsync)
            .RequireAuthorization(p => p.RequireRole([AppRoles.Member, .. ReviewAccess.Readers]))
            .WithName("DownloadSelfReviewAttachment")
            .WithSummary("Tải tệp đính kèm / Download an attachment")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private async Task<IResult> SubmitAsync(HttpContext context, string cycleId, string memberId)
    {
        Caller caller = Caller.From(context.User);
        // Someone who may never submit for anyone is refused before learning whether the member or cycle exists.
        if (!caller.Is(AppRoles.CellSecretary) && !SelfReviewSubmitterStep.IsTheMember(caller, memberId))
        {
            return SelfReviewSubmitterStep.NotYours.ToProblem(context);
        }

        (CycleInfo? cycle, Member? member, IResult? refusal) = await CycleAndMemberAsync(context, cycleId, memberId);
        if (refusal is not null)
        {
            return refusal;
        }

        CancellationToken cancellation = context.RequestAborted;
        if (await submitters.CheckAsync(caller, cycleId, member!, cancellation) is { } notYours)
        {
            return notYours.ToProblem(context);
        }

        if (await rules.CheckOpenAsync(cycleId, cycle!.Input, member!, cancellation) is { } closed)
        {
            return closed.ToProblem(context);
        }

        AllowBody(context);
        (SelfReviewUpload? upload, IResult? bad) = await SelfReviewUpload.ReadAsync(context);
        if (bad is not null)
        {
            return bad;
        }

        string form = upload!.Form ?? cycle.Rules.RuleSet.FormFor(member!).Code;
        SubmitResult result = await commands.SubmitSelfReviewAsync(cycleId, cycle.Input.RuleSetId, member!, form, upload.Sections, upload.SelfRating,
            upload.Attachments, SelfReviewSubmitterStep.SubmittedBy(caller, memberId), RequestKeys.FromApi(context), cancellation);
        if (result.Errors.Count > 0)
        {
            return ApiProblem.Validation(context, result.Errors);
        }

        return ReviewResults.Created(context, $"/api/cycles/{cycleId}/members/{memberId}/self-review", ReviewVersionView.From(result.Version!));
    }

    private async Task<IResult> ListAsync(HttpContext context, string cycleId, string memberId)
    {
        (CycleInfo? _, Member? member, IResult? refusal) = await CycleAndMemberAsync(context, cycleId, memberId);
        refusal ??= await access.CanReadMemberAsync(context, Caller.From(context.User), member!);
        if (refusal is not null)
        {
            return refusal;
        }

        List<SelfReviewVersion> versions = await submissions.VersionsAsync(cycleId, memberId, context.RequestAborted);
        return ReviewResults.Ok(new SelfReviewHistoryView(cycleId, memberId, [.. versions.OrderBy(v => v.Version).Select(v => ReviewVersionView.From(v))]));
    }

    private async Task<IResult> DownloadAsync(HttpContext context, string cycleId, string memberId, string sha256)
    {
        (CycleInfo? _, Member? member, IResult? refusal) = await CycleAndMemberAsync(context, cycleId, memberId);
        refusal ??= await access.CanReadMemberAsync(context, Caller.From(context.User), member!);
        if (refusal is not null)
        {
            return refusal;
        }

        StoredAttachment? stored = sha256.Length == 64 && sha256.All(char.IsAsciiHexDigitLower)
            ? (await submissions.VersionsAsync(cycleId, memberId, context.RequestAborted)).SelectMany(v => v.Attachments).FirstOrDefault(a => a.Sha256 == sha256)
            : null;
        if (stored is null)
        {
            return ApiProblem.Result(context, ProblemKind.NotFound, "sha256", "Không có tệp đính kèm này.", "No such attachment.");
        }

        try
        {
            Response<BlobDownloadStreamingResult> blob = await storage.Attachments.GetBlobClient(stored.Blob).DownloadStreamingAsync(cancellationToken: context.RequestAborted);
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Stream(blob.Value.Content, stored.ContentType, stored.FileName);
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            return ApiProblem.Result(context, ProblemKind.NotFound, "sha256", "Tệp đính kèm không còn trong kho.", "The attachment is no longer stored.");
        }
    }

    private async Task<(CycleInfo?, Member?, IResult?)> CycleAndMemberAsync(HttpContext context, string cycleId, string memberId)
    {
        (CycleInfo? cycle, IResult? refusal) = await cycles.FindAsync(context, cycleId);
        if (refusal is not null)
        {
            return (null, null, refusal);
        }

        (Member? member, refusal) = await access.MemberAsync(context, memberId);
        if (refusal is not null)
        {
            return (null, null, refusal);
        }

        string[]? chain = await access.ChainAsync(member!.CellId, context.RequestAborted);
        return chain is not null && chain.Contains(cycle!.Input.RootUnitId, StringComparer.Ordinal)
            ? (cycle, member, null)
            : (null, null, ApiProblem.Result(context, ProblemKind.NotFound, "memberId",
                $"Đảng viên {memberId} không thuộc đợt {cycleId}.", $"Member {memberId} is not in cycle {cycleId}."));
    }

    /// <summary>
    /// Raises the server's body limit to the endpoint's own (its metadata says the same) when the server has not
    /// applied the metadata itself, e.g. behind a host that forwards requests.
    /// </summary>
    private static void AllowBody(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit
            && limit.MaxRequestBodySize is { } current && current < SelfReviewUpload.MaxRequestBytes)
        {
            limit.MaxRequestBodySize = SelfReviewUpload.MaxRequestBytes;
        }
    }
}

/// <summary>The multipart form of a self-review, for the API description only (the handler reads the form itself).</summary>
public sealed record SelfReviewFormFields(string? Form, string? Sections, string SelfRating, IFormFileCollection? Attachments);
