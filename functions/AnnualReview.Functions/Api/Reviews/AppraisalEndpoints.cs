using AnnualReview.Functions.Idempotency;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Rules;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>A decision on one member: the level (the proposal, or another one with a reason).</summary>
public sealed record DecisionRequest(string? MemberId, string? Level, string? Reason);

/// <summary>
/// The appraisal (thẩm định) as one whole table: members not listed keep their proposed level. Finalize asks for
/// the decision to be final, which the quota must allow.
/// </summary>
public sealed record AppraisalRequest(List<DecisionRequest>? Decisions, Dictionary<string, string>? CellLevels, bool Finalize = false, Dictionary<string, string>? CellConclusions = null);

/// <summary>
/// The grassroots committee's appraisal: read the table (proposals and decisions), decide each member, and
/// finalize. The quota is checked here, synchronously and by the domain, so a breach is refused with the
/// guidance at once rather than discovered later in the orchestration.
/// </summary>
internal sealed class AppraisalEndpoints(CycleDirectory cycles, ReviewAccess access, ReviewCommands commands, AppraisalTable table)
{
    private const string Path = "/cycles/{cycleId}/organizations/{grassrootsId}/appraisal";

    /// <summary>How long a finalizing request waits for the organization to apply it, so the reply can say it is final.</summary>
    private static readonly TimeSpan FinalizeWait = TimeSpan.FromSeconds(5);

    public void Map(RouteGroupBuilder api)
    {
        api.MapGet(Path, GetAsync)
            .RequireAuthorization(p => p.RequireRole(AppRoles.Committee, AppRoles.OrganizationBoard, AppRoles.Auditor, AppRoles.Admin))
            .WithName("GetAppraisal")
            .WithSummary("Bảng thẩm định của tổ chức cơ sở đảng / The grassroots organization's appraisal table")
            .Produces<AppraisalView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost(Path, SubmitAsync)
            .RequireAuthorization(p => p.RequireRole(AppRoles.Committee))
            .Accepts<AppraisalRequest>("application/json")
            .WithName("SubmitAppraisal")
            .WithSummary("Thẩm định, quyết định mức xếp loại / Decide the members' levels (and finalize)")
            .Produces<AppraisalView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private async Task<IResult> GetAsync(HttpContext context, string cycleId, string grassrootsId)
    {
        (CycleInfo? cycle, Caller _, IResult? refusal) = await OrganizationAsync(context, cycleId, grassrootsId);
        if (refusal is not null)
        {
            return refusal;
        }

        UnitStep? step = await cycles.StepAsync(cycleId, grassrootsId, context.RequestAborted);
        List<AppraisalRow> rows = await table.RowsAsync(cycle!, grassrootsId, withDecisions: step?.Stage == "decided", context.RequestAborted);
        var (_, quota) = AppraisalTable.Quota(cycle!, rows.Where(r => r.Proposed is not null).Select(r => (r.MemberId, r.QuotaGroup, r.Decision ?? r.Proposed!.Value)), ApiProblem.PrefersEnglish(context));
        return ReviewResults.Ok(new AppraisalView(cycleId, grassrootsId, step?.Stage, step?.Flag("finalized") == true || step?.Stage == "decided", rows, quota));
    }

    private async Task<IResult> SubmitAsync(HttpContext context, string cycleId, string grassrootsId)
    {
        (CycleInfo? cycle, Caller caller, IResult? refusal) = await OrganizationAsync(context, cycleId, grassrootsId);
        if (refusal is not null)
        {
            return refusal;
        }

        CancellationToken cancellation = context.RequestAborted;
        UnitStep? step = await cycles.StepAsync(cycleId, grassrootsId, cancellation);
        if ((step is null || !step.Running || step.Stage != "appraisal" || step.Flag("finalized"))
            && !await commands.AlreadyRaisedAsync(CycleInstanceIds.Unit(cycleId, grassrootsId), EventNames.Appraisal, RequestKeys.FromApi(context), cancellation))
        {
            return CycleDirectory.NotOpen(context, step, "grassrootsId", "Thẩm định", "Appraisal");
        }

        (AppraisalRequest? body, IResult? bad) = await JsonBody.ReadAsync<AppraisalRequest>(context);
        if (bad is not null)
        {
            return bad;
        }

        List<AppraisalRow> rows = await table.RowsAsync(cycle!, grassrootsId, withDecisions: false, cancellation);
        List<Unit> cells = [.. (await access.Roster.GetChildrenAsync(grassrootsId, cancellation)).Where(u => u.Kind == UnitKind.Cell)];
        var errors = new List<ValidationError>();
        Dictionary<string, MemberDecision> decisions = Decisions(body!, rows, errors);
        Dictionary<string, RatingLevel> cellLevels = Steps.CellLevelsStep.Read(body!.CellLevels?.Select(l => new KeyValuePair<string, string?>(l.Key, l.Value)), cells, errors);
        Dictionary<string, string> cellConclusions = Steps.CellLevelsStep.ReadConclusions(
            body.CellConclusions?.Select(c => new KeyValuePair<string, string?>(c.Key, c.Value)), cells, cellLevels, errors);
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(context, errors);
        }

        // The whole table goes to the organization, so what the quota is checked on here is exactly what it will hold.
        List<MemberDecision> whole = [.. rows.Where(r => r.Proposed is not null)
            .Select(r => decisions.TryGetValue(r.MemberId, out MemberDecision? d) ? d : new MemberDecision(r.MemberId, r.Proposed!.Value, null))];
        var levels = whole.Select(d => (d.MemberId, rows.First(r => r.MemberId == d.MemberId).QuotaGroup, d.Level)).ToList();
        bool english = ApiProblem.PrefersEnglish(context);
        var (outcome, quota) = AppraisalTable.Quota(cycle!, levels, english);
        if (body!.Finalize && !outcome.Ok)
        {
            // The groups over the quota ride along with their numbers, so a client shows the meter without parsing the text.
            List<QuotaGroupView> broken = [.. quota.Where(g => !g.Within)];
            Dictionary<string, object?> problem = ApiProblem.Body(context, ReviewProblems.QuotaExceeded, "decisions", outcome.GuidanceVi, outcome.GuidanceEn,
                broken.Select(g => new FieldProblem("decisions", "QuotaExceeded", $"{g.Group}: {g.Guidance}")));
            problem["quota"] = broken;
            return Results.Json(problem, statusCode: ReviewProblems.QuotaExceeded.Status, contentType: ApiProblem.ContentType);
        }

        await commands.SubmitAppraisalAsync(cycleId, grassrootsId, new AppraisalSubmitted(whole, cellLevels, caller.Actor, body.Finalize) { CellConclusions = cellConclusions }, RequestKeys.FromApi(context), cancellation);
        bool finalized = body.Finalize && await cycles.WaitForAsync(cycleId, grassrootsId, s => s.Flag("finalized") || !s.Running, FinalizeWait, cancellation);
        var byId = whole.ToDictionary(d => d.MemberId, StringComparer.Ordinal);
        List<AppraisalRow> decided = [.. rows.Select(r => byId.TryGetValue(r.MemberId, out MemberDecision? d) ? r with { Decision = d.Level, Reason = d.Reason ?? r.Reason } : r)];
        return ReviewResults.Accepted(context, $"/api/cycles/{cycleId}/organizations/{grassrootsId}/appraisal",
            new AppraisalView(cycleId, grassrootsId, finalized ? "decided" : "appraisal", finalized, decided, quota));
    }

    private static Dictionary<string, MemberDecision> Decisions(AppraisalRequest body, List<AppraisalRow> rows, List<ValidationError> errors)
    {
        var proposals = rows.Where(r => r.Proposed is not null).ToDictionary(r => r.MemberId, r => r.Proposed!.Value, StringComparer.Ordinal);
        var decisions = new Dictionary<string, MemberDecision>(StringComparer.Ordinal);
        for (int i = 0; i < (body.Decisions?.Count ?? 0); i++)
        {
            DecisionRequest decision = body.Decisions![i];
            string field = $"decisions[{i}]";
            string id = decision.MemberId?.Trim() ?? "";
            if (!proposals.TryGetValue(id, out RatingLevel proposed))
            {
                errors.Add(new ValidationError("NoProposal", field + ".memberId",
                    $"Đảng viên {id} không có mức chi bộ đề xuất trong tổ chức này.", $"Member {id} has no proposed level in this organization."));
                continue;
            }

            if (decisions.ContainsKey(id))
            {
                errors.Add(new ValidationError("DuplicateDecision", field + ".memberId", $"Đảng viên {id} có hai quyết định.", $"Member {id} has two decisions."));
                continue;
            }

            RatingLevel level = SelfReviewUpload.ReadLevel(decision.Level, field + ".level", errors);
            string? reason = string.IsNullOrWhiteSpace(decision.Reason) ? null : decision.Reason.Trim();
            if (level != proposed && reason is null)
            {
                errors.Add(new ValidationError("ReasonRequired", field + ".reason",
                    $"Thay đổi mức của đảng viên {id} so với đề xuất của chi bộ cần nêu lý do.", $"Changing member {id}'s level from the cell's proposal needs a reason."));
            }

            decisions[id] = new MemberDecision(id, level, reason);
        }

        return decisions;
    }

    private async Task<(CycleInfo?, Caller, IResult?)> OrganizationAsync(HttpContext context, string cycleId, string grassrootsId)
    {
        Caller caller = Caller.From(context.User);
        (CycleInfo? cycle, IResult? refusal) = await cycles.FindAsync(context, cycleId);
        if (refusal is null)
        {
            (_, refusal) = await access.UnitAsync(context, cycle!, grassrootsId, caller, UnitKind.GrassrootsOrganization);
        }

        return (cycle, caller, refusal);
    }
}
