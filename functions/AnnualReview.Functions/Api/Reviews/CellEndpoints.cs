using AnnualReview.Functions.Idempotency;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rating;
using AnnualReview.Assessment.Rules;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>The collective review (Mẫu 01) of a cell.</summary>
public sealed record CollectiveReviewRequest(Dictionary<string, string>? Sections);

/// <summary>The meeting's outcome as the cell sees it right away: each member's proposed level from the tally, and with points the share fixed it used.</summary>
public sealed record ProposedLevelView(string MemberId, RatingLevel Proposed, IReadOnlyDictionary<RatingLevel, int> Votes, decimal? Points, decimal? ShortcomingsFixedShare = null);

public sealed record MeetingRecordView(string CellId, int FullMembersConvened, int FullMembersPresent, bool SecretBallot, bool Supplementary, IReadOnlyList<ProposedLevelView> Proposed);

public sealed record MeetingOpenView(string CellId, bool MeetingOpen);

/// <summary>
/// What the cell secretary does: submit the collective review, open the year-end meeting (no more resubmissions)
/// and record it (head counts and each member's secret-ballot tally), checked by the domain before any event.
/// After the meeting was escalated, the deputy a committee named does the same (<see cref="Steps.CellActorStep"/>).
/// </summary>
internal sealed class CellEndpoints(CycleDirectory cycles, ReviewAccess access, ReviewCommands commands, SubmissionStore submissions, RemedyResults remedies, Steps.CellActorStep actors)
{
    /// <summary>How long opening the meeting waits for the cell to apply it, so the reply can say it is open.</summary>
    private static readonly TimeSpan OpenWait = TimeSpan.FromSeconds(5);

    public void Map(RouteGroupBuilder api)
    {
        api.MapPost("/cycles/{cycleId}/cells/{cellId}/collective-review", SubmitCollectiveAsync)
            .RequireAuthorization(p => p.RequireRole(Steps.CellActorStep.Roles))
            .Accepts<CollectiveReviewRequest>("application/json")
            .WithName("SubmitCollectiveReview")
            .WithSummary("Nộp báo cáo kiểm điểm tập thể chi bộ (Mẫu 01) / Submit the cell's collective review (form 01)")
            .Produces<ReviewVersionView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/cycles/{cycleId}/cells/{cellId}/meeting/open", OpenAsync)
            .RequireAuthorization(p => p.RequireRole(Steps.CellActorStep.Roles))
            .WithName("OpenCellMeeting")
            .WithSummary("Khai mạc họp chi bộ kiểm điểm cuối năm / Open the cell's year-end meeting")
            .Produces<MeetingOpenView>()
            .Produces<MeetingOpenView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/cycles/{cycleId}/cells/{cellId}/meeting", RecordAsync)
            .RequireAuthorization(p => p.RequireRole(Steps.CellActorStep.Roles))
            .Accepts<MeetingRequest>("application/json")
            .WithName("RecordCellMeeting")
            .WithSummary("Ghi biên bản họp chi bộ và kết quả biểu quyết / Record the cell meeting and its tallies")
            .Produces<MeetingRecordView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private async Task<IResult> SubmitCollectiveAsync(HttpContext context, string cycleId, string cellId)
    {
        (CycleInfo? cycle, Caller caller, IResult? refusal) = await CellAsync(context, cycleId, cellId);
        if (refusal is not null)
        {
            return refusal;
        }

        UnitStep? step = await cycles.StepAsync(cycleId, cellId, context.RequestAborted);
        if ((step is null || !step.Running || step.Stage is not ("self-review" or "meeting"))
            && !await commands.AlreadyRaisedAsync(CycleInstanceIds.Unit(cycleId, cellId), EventNames.CollectiveReviewSubmitted, RequestKeys.FromApi(context), context.RequestAborted))
        {
            return CycleDirectory.NotOpen(context, step, "cellId", "Báo cáo kiểm điểm tập thể", "Collective review");
        }

        (CollectiveReviewRequest? body, IResult? bad) = await JsonBody.ReadAsync<CollectiveReviewRequest>(context);
        if (bad is not null)
        {
            return bad;
        }

        SubmitResult result = await commands.SubmitCollectiveReviewAsync(cycleId, cycle!.Input.RuleSetId, cellId,
            body!.Sections ?? [], caller.Actor, RequestKeys.FromApi(context), context.RequestAborted);
        return result.Errors.Count > 0
            ? ApiProblem.Validation(context, result.Errors)
            : ReviewResults.Created(context, $"/api/cycles/{cycleId}/cells/{cellId}/collective-review", ReviewVersionView.From(result.Version!, withRating: false));
    }

    private async Task<IResult> OpenAsync(HttpContext context, string cycleId, string cellId)
    {
        (CycleInfo? _, Caller caller, IResult? refusal) = await CellAsync(context, cycleId, cellId);
        if (refusal is not null)
        {
            return refusal;
        }

        UnitStep? step = await cycles.StepAsync(cycleId, cellId, context.RequestAborted);
        if ((step is null || !step.Running || step.Stage is not ("self-review" or "meeting"))
            && !await commands.AlreadyRaisedAsync(CycleInstanceIds.Unit(cycleId, cellId), EventNames.MeetingOpened, RequestKeys.FromApi(context), context.RequestAborted))
        {
            return CycleDirectory.NotOpen(context, step, "cellId", "Họp chi bộ", "Cell meeting");
        }

        if (step?.Flag("meetingOpen") == true)
        {
            return ReviewResults.Ok(new MeetingOpenView(cellId, true));
        }

        await commands.OpenMeetingAsync(cycleId, cellId, caller.Actor, RequestKeys.FromApi(context), context.RequestAborted);
        bool open = await cycles.WaitForAsync(cycleId, cellId, s => s.Flag("meetingOpen") || !s.Running, OpenWait, context.RequestAborted);
        return open ? ReviewResults.Ok(new MeetingOpenView(cellId, true)) : ReviewResults.Accepted(context, null, new MeetingOpenView(cellId, false));
    }

    private async Task<IResult> RecordAsync(HttpContext context, string cycleId, string cellId)
    {
        (CycleInfo? cycle, Caller caller, IResult? refusal) = await CellAsync(context, cycleId, cellId);
        if (refusal is not null)
        {
            return refusal;
        }

        CancellationToken cancellation = context.RequestAborted;
        UnitStep? step = await cycles.StepAsync(cycleId, cellId, cancellation);
        if ((step is null || !step.Running || step.Stage is not ("self-review" or "meeting"))
            && !await commands.AlreadyRaisedAsync(CycleInstanceIds.Unit(cycleId, cellId), EventNames.MeetingRecorded, RequestKeys.FromApi(context), context.RequestAborted))
        {
            return CycleDirectory.NotOpen(context, step, "cellId", "Họp chi bộ", "Cell meeting");
        }

        if ((await submissions.VersionsAsync(cycleId, CollectiveReview.Id(cellId), cancellation)).Count == 0)
        {
            return ApiProblem.Result(context, ProblemKind.Conflict, "collectiveReview",
                "Chi bộ chưa nộp báo cáo kiểm điểm tập thể (Mẫu 01); cuộc họp thảo luận báo cáo này trước.",
                "The cell's collective review (form 01) must be submitted first; the meeting discusses it before the vote.");
        }

        (MeetingRequest? body, IResult? bad) = await JsonBody.ReadAsync<MeetingRequest>(context);
        if (bad is not null)
        {
            return bad;
        }

        List<Member> members = await access.Roster.GetCellMembersAsync(cellId, cancellation);
        var errors = new List<ValidationError>();
        MeetingRecorded? meeting = body!.ToEvent(cellId, members, cycle!.Rules.RuleSet, caller.Actor, errors);
        await CheckVotedMembersAsync(cycle!, cycleId, body.Tallies ?? [], members, errors, cancellation);

        if (errors.Count > 0 || meeting is null)
        {
            // Convening more than the cell can is a rule broken, not a malformed body: 422, the convened count first.
            List<ValidationError> convened = [.. errors.Where(e => e.Code == CellMeetingValidator.ConvenedExceedsRoster)];
            return convened.Count > 0
                ? ApiProblem.Validation(context, [.. convened, .. errors.Except(convened)], ReviewProblems.ConvenedExceedsMembers)
                : ApiProblem.Validation(context, errors);
        }

        meeting = await remedies.WithFixedSharesAsync(cycle!.Input, cycle.Rules.RuleSet.Scoring.Points, meeting, cancellation);
        var byId = members.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var proposed = meeting.Tallies.Select(t => new ProposedLevelView(t.MemberId,
            cycle!.Rules.ProposedLevel(t, meeting, cycle.Rules.EligibilityOf(byId[t.MemberId], cycle.Input)), t.Votes, t.Points?.TotalPoints, t.Points?.ShortcomingsFixedShare)).ToList();
        await commands.RecordMeetingAsync(cycleId, cellId, meeting, RequestKeys.FromApi(context), cancellation);
        return ReviewResults.Accepted(context, null, new MeetingRecordView(cellId, meeting.FullMembersConvened, meeting.FullMembersPresent, true, meeting.Supplementary, proposed));
    }

    /// <summary>Only members who are rated this year and have submitted a self-review are voted on.</summary>
    private async Task CheckVotedMembersAsync(CycleInfo cycle, string cycleId, List<TallyRequest> tallies, List<Member> members, List<ValidationError> errors, CancellationToken cancellation)
    {
        var byId = members.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var voted = tallies.Select((t, i) => (Index: i, Id: t.MemberId?.Trim() ?? ""))
            .Where(t => byId.ContainsKey(t.Id)) // The domain validator already named the others.
            .ToList();

        // One small partition read per member, side by side: a cell has tens of members, not thousands.
        int[] versions = await Task.WhenAll(voted.Select(async v => (await submissions.VersionsAsync(cycleId, v.Id, cancellation)).Count));
        for (int k = 0; k < voted.Count; k++)
        {
            (int i, string id) = voted[k];
            if (!cycle.Rules.EligibilityOf(byId[id], cycle.Input).Rated)
            {
                errors.Add(new ValidationError("NotRated", $"tallies[{i}].memberId",
                    $"Đảng viên {id} không thuộc diện xếp loại năm nay.", $"Member {id} is not rated this year."));
            }
            else if (versions[k] == 0)
            {
                errors.Add(new ValidationError("NotSubmitted", $"tallies[{i}].memberId",
                    $"Đảng viên {id} chưa nộp bản tự kiểm điểm.", $"Member {id} has not submitted a self-review."));
            }
        }
    }

    private async Task<(CycleInfo?, Caller, IResult?)> CellAsync(HttpContext context, string cycleId, string cellId)
    {
        Caller caller = Caller.From(context.User);
        (CycleInfo? cycle, _, Steps.StepRefusal? refusal) = await actors.FindAsync(caller, cycleId, cellId, context.RequestAborted);
        return (cycle, caller, refusal?.ToProblem(context));
    }
}
