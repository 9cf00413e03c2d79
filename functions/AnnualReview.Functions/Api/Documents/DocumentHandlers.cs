using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;
using Microsoft.DurableTask.Client;

namespace AnnualReview.Functions.Api.Documents;

/// <summary>
/// The document downloads: the same cycle, unit and member checks as the review endpoints (a unit outside the
/// caller's subtree is 403, a member asking for another member's paper is 403), then the document is built.
/// </summary>
internal sealed class DocumentHandlers(CycleDirectory cycles, ReviewAccess access, DocumentSources sources, ReadModelStore readModels, DurableTaskClient client, DossierBuilder dossier)
{
    public async Task<IResult> SelfReviewAsync(HttpContext context, string cycleId, string memberId)
    {
        (CycleInfo? cycle, IResult? refusal) = await cycles.FindAsync(context, cycleId);
        Member? member = null;
        if (refusal is null)
        {
            (member, refusal) = await access.MemberAsync(context, memberId);
        }

        refusal ??= await access.CanReadMemberAsync(context, Caller.From(context.User), member!);
        refusal ??= await InCycleAsync(context, cycle!, member!);
        if (refusal is not null)
        {
            return refusal;
        }

        DocumentFile? file = await sources.SelfReviewAsync(cycle!, member!, context.RequestAborted);
        return file?.ToResult() ?? NotYet(context, "memberId", "Đảng viên chưa nộp bản tự kiểm điểm.", "The member has not submitted a self-review.");
    }

    public async Task<IResult> CollectiveReportAsync(HttpContext context, string cycleId, string cellId)
    {
        (CycleInfo? cycle, Unit? cell, IResult? refusal) = await UnitAsync(context, cycleId, cellId, UnitKind.Cell);
        if (refusal is not null)
        {
            return refusal;
        }

        DocumentFile? file = await sources.CollectiveReportAsync(cycle!, cell!, context.RequestAborted);
        return file?.ToResult() ?? NotYet(context, "cellId", "Chi bộ chưa nộp báo cáo kiểm điểm tập thể.", "The cell has not submitted its collective report.");
    }

    public async Task<IResult> MeetingMinutesAsync(HttpContext context, string cycleId, string cellId)
    {
        (CycleInfo? cycle, Unit? cell, IResult? refusal) = await UnitAsync(context, cycleId, cellId, UnitKind.Cell);
        if (refusal is not null)
        {
            return refusal;
        }

        DocumentFile? file = await sources.MeetingMinutesAsync(cycle!, cell!, context.RequestAborted);
        return file?.ToResult() ?? NotYet(context, "cellId", "Chi bộ chưa ghi biên bản họp.", "The cell has not recorded its meeting.");
    }

    public async Task<IResult> DecisionListAsync(HttpContext context, string cycleId, string grassrootsId)
    {
        (CycleInfo? cycle, Unit? organization, IResult? refusal) = await UnitAsync(context, cycleId, grassrootsId, UnitKind.GrassrootsOrganization);
        return refusal ?? (await sources.DecisionListAsync(cycle!, organization!, context.RequestAborted)).ToResult();
    }

    public async Task<IResult> UnitReportAsync(HttpContext context, string cycleId, string unitId)
    {
        (CycleInfo? cycle, Unit? unit, IResult? refusal) = await UnitAsync(context, cycleId, unitId,
            UnitKind.OrganizationBoard, UnitKind.Committee, UnitKind.GrassrootsOrganization);
        if (refusal is not null)
        {
            return refusal;
        }

        List<ProgressRow> progress = await readModels.ReadProgressAsync(cycleId, context.RequestAborted);
        return (await sources.UnitReportAsync(cycle!, unit!, progress, context.RequestAborted)).ToResult();
    }

    public async Task<IResult> DossierAsync(HttpContext context, string cycleId, string unitId)
    {
        (CycleInfo? cycle, Unit? unit, IResult? refusal) = await UnitAsync(context, cycleId, unitId);
        if (refusal is not null)
        {
            return refusal;
        }

        (byte[] zip, _) = await dossier.BuildAsync(cycle!, unit!, context.RequestAborted);
        return Results.File(zip, DossierBuilder.ZipType, $"{cycleId}-{unitId}-ho-so.zip");
    }

    /// <summary>A re-rating is not part of a cycle: it is found by its instance (member, year, decision reference).</summary>
    public async Task<IResult> ReRatingAsync(HttpContext context, string memberId, int year, string reference)
    {
        (Member? member, IResult? refusal) = await access.MemberAsync(context, memberId);
        refusal ??= await access.CanReadMemberAsync(context, Caller.From(context.User), member!);
        if (refusal is not null)
        {
            return refusal;
        }

        OrchestrationMetadata? instance = reference.Contains('~', StringComparison.Ordinal) ? null
            : await client.GetInstanceAsync(CycleInstanceIds.ReRating(memberId, year, reference), getInputsAndOutputs: true, context.RequestAborted);
        if (instance?.ReadInputAs<ReRatingInput>() is not { } input)
        {
            return ApiProblem.Result(context, ProblemKind.NotFound, "reference", $"Không có quyết định xếp loại lại {reference}.", $"No re-rating decision {reference}.");
        }

        ReRatingOutcome? outcome = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<ReRatingOutcome>() : null;
        return (await sources.ReRatingAsync(member!, input, outcome, reference, context.RequestAborted)).ToResult();
    }

    private async Task<(CycleInfo?, Unit?, IResult?)> UnitAsync(HttpContext context, string cycleId, string unitId, params UnitKind[] kinds)
    {
        (CycleInfo? cycle, IResult? refusal) = await cycles.FindAsync(context, cycleId);
        if (refusal is not null)
        {
            return (null, null, refusal);
        }

        (Unit? unit, refusal) = await access.UnitAsync(context, cycle!, unitId, Caller.From(context.User), kinds);
        return refusal is null ? (cycle, unit, null) : (null, null, refusal);
    }

    private async Task<IResult?> InCycleAsync(HttpContext context, CycleInfo cycle, Member member)
    {
        string[]? chain = await access.ChainAsync(member.CellId, context.RequestAborted);
        return chain is not null && chain.Contains(cycle.Input.RootUnitId, StringComparer.Ordinal) ? null
            : ApiProblem.Result(context, ProblemKind.NotFound, "memberId", $"Đảng viên {member.Id} không thuộc đợt {cycle.Input.CycleId}.", $"Member {member.Id} is not in cycle {cycle.Input.CycleId}.");
    }

    private static IResult NotYet(HttpContext context, string field, string vi, string en)
        => ApiProblem.Result(context, ReviewProblems.StepNotOpen, field, vi, en);
}
