using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Recognition;
using AnnualReview.Assessment.Rules;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Api.Reviews;

public sealed record FlagView(string Kind, int FirstYear, int Year, string Name);

public sealed record FollowUpView(string Action, bool ConsiderRemoval);

/// <summary>A member's year: the final level, the awards it earned (as stored, so revoked ones are gone), flags and follow-up.</summary>
public sealed record RecognitionRow(string MemberId, string FullName, string CellId, RatingLevel Level, IReadOnlyList<string> Awards, IReadOnlyList<string> RevokedAwards, IReadOnlyList<FlagView> Flags, FollowUpView? FollowUp);

public sealed record RecognitionView(string CycleId, string UnitId, int Year, IReadOnlyList<RecognitionRow> Members);

/// <summary>A re-rating of an earlier year (Mẫu 03), decided by a competent level and cited by its decision.</summary>
public sealed record ReRatingRequest(int? Year, string? NewLevel, string? Reason, string? DecisionReference);

public sealed record ReRatingView(string InstanceId, string MemberId, int Year, RatingLevel NewLevel, string DecisionReference);

/// <summary>
/// Recognition after the decisions (awards, flags, follow-up for "not completed") for a unit's members, and the
/// re-rating of an earlier year, which revokes the awards that rested on the old rating.
/// </summary>
internal sealed class RecognitionEndpoints(CycleDirectory cycles, ReviewAccess access, ReviewCommands commands, ReadModelStore readModels, UnitScope scope, TimeProvider clock)
{
    /// <summary>The report is for a grassroots organization or a committee; a whole city is a report, not a page.</summary>
    private const int MaxMembers = 5_000;

    public const int MaxReferenceLength = 64;

    public void Map(RouteGroupBuilder api)
    {
        api.MapGet("/cycles/{cycleId}/units/{unitId}/recognition", GetAsync)
            .RequireAuthorization(p => p.RequireRole(ReviewAccess.Readers))
            .WithName("GetRecognition")
            .WithSummary("Khen thưởng, cảnh báo và giúp đỡ sau xếp loại / Awards, flags and follow-up after the rating")
            .Produces<RecognitionView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/members/{memberId}/re-rating", ReRateAsync)
            .RequireAuthorization(p => p.RequireRole(AppRoles.OrganizationBoard, AppRoles.Committee))
            .Accepts<ReRatingRequest>("application/json")
            .WithName("ReRateMember")
            .WithSummary("Xếp loại lại một năm trước (Mẫu 03) / Re-rate an earlier year")
            .Produces<ReRatingView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private async Task<IResult> GetAsync(HttpContext context, string cycleId, string unitId)
    {
        Caller caller = Caller.From(context.User);
        (CycleInfo? cycle, IResult? refusal) = await cycles.FindAsync(context, cycleId);
        Unit? unit = null;
        if (refusal is null)
        {
            (unit, refusal) = await access.UnitAsync(context, cycle!, unitId, caller);
        }

        if (refusal is not null)
        {
            return refusal;
        }

        CancellationToken cancellation = context.RequestAborted;
        List<Member>? members = await MembersUnderAsync(unit!, cancellation);
        if (members is null)
        {
            return ApiProblem.Result(context, ReviewProblems.UnitTooLarge, "unitId",
                $"Đơn vị có hơn {MaxMembers} đảng viên; hãy xem từng đơn vị cấp dưới hoặc dùng báo cáo.",
                $"The unit has more than {MaxMembers} members; look at the units below it or use the report.");
        }

        bool english = ApiProblem.PrefersEnglish(context);
        int year = cycle!.Input.Year;
        var rows = new List<RecognitionRow>();
        foreach (Member[] batch in members.Chunk(16))
        {
            var ratings = await Task.WhenAll(batch.Select(m => readModels.ReadRatingsAsync(m.Id, cancellation)));
            for (int i = 0; i < batch.Length; i++)
            {
                if (Row(batch[i], ratings[i], year, cycle, english) is { } row)
                {
                    rows.Add(row);
                }
            }
        }

        return ReviewResults.Ok(new RecognitionView(cycleId, unitId, year, rows));
    }

    private static RecognitionRow? Row(Member member, List<RatingRecord> ratings, int year, CycleInfo cycle, bool english)
    {
        var kept = ratings.Where(r => !r.Cancelled).ToList();
        RatingRecord? current = kept.FirstOrDefault(r => r.Year == year);
        if (current is null)
        {
            return null;
        }

        var earlier = kept.Where(r => r.Year < year).ToDictionary(r => r.Year, r => r.Level);
        RecognitionOutcome outcome = RecognitionRules.Evaluate(member.Id, year, current.Level, earlier, cycle.Rules.RuleSet.Recognition);
        return new RecognitionRow(member.Id, member.FullName, member.CellId, current.Level, current.Awards, current.RevokedAwards,
            [.. outcome.Flags.Select(f => new FlagView(f.Kind.ToString(), f.FirstYear, f.Year, english ? f.NameEn : f.NameVi))],
            outcome.FollowUp is { } plan ? new FollowUpView(english ? plan.ActionEn : plan.ActionVi, plan.ConsiderRemoval) : null);
    }

    /// <summary>Every member in the unit's subtree, or null when there are more than the page can hold.</summary>
    private async Task<List<Member>?> MembersUnderAsync(Unit unit, CancellationToken cancellation)
    {
        var members = new List<Member>();
        var pending = new Queue<Unit>([unit]);
        while (pending.TryDequeue(out Unit? next))
        {
            if (next.Kind == UnitKind.Cell)
            {
                members.AddRange(await access.Roster.GetCellMembersAsync(next.Id, cancellation));
                if (members.Count > MaxMembers)
                {
                    return null;
                }

                continue;
            }

            foreach (Unit child in await access.Roster.GetChildrenAsync(next.Id, cancellation))
            {
                pending.Enqueue(child);
            }
        }

        return [.. members.OrderBy(m => m.CellId, StringComparer.Ordinal).ThenBy(m => m.Id, StringComparer.Ordinal)];
    }

    private async Task<IResult> ReRateAsync(HttpContext context, string memberId)
    {
        Caller caller = Caller.From(context.User);
        (Member? member, IResult? refusal) = await access.MemberAsync(context, memberId);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!await scope.CoversAsync(caller, member!.CellId, context.RequestAborted))
        {
            return ApiProblem.Result(context, ProblemKind.OutOfScope, "memberId");
        }

        (ReRatingRequest? body, IResult? bad) = await JsonBody.ReadAsync<ReRatingRequest>(context);
        if (bad is not null)
        {
            return bad;
        }

        var errors = new List<ValidationError>();
        int thisYear = clock.GetUtcNow().Year;
        if (body!.Year is not { } year || year < 2000 || year > thisYear)
        {
            errors.Add(new ValidationError("InvalidYear", "year", $"Năm phải từ 2000 đến {thisYear}.", $"The year must be from 2000 to {thisYear}."));
        }

        RatingLevel level = SelfReviewUpload.ReadLevel(body.NewLevel, "newLevel", errors);
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 2_000)
        {
            errors.Add(new ValidationError("ReasonRequired", "reason", "Cần nêu lý do xếp loại lại (tối đa 2000 ký tự).", "A reason for the re-rating is required (at most 2000 characters)."));
        }

        string reference = body.DecisionReference?.Trim() ?? "";
        if (reference.Length is 0 or > MaxReferenceLength || reference.Any(char.IsControl))
        {
            errors.Add(new ValidationError("DecisionReferenceRequired", "decisionReference",
                $"Cần số hiệu quyết định (tối đa {MaxReferenceLength} ký tự).", $"The decision's reference is required (at most {MaxReferenceLength} characters)."));
        }

        if (errors.Count > 0)
        {
            return ApiProblem.Validation(context, errors);
        }

        // The reference names the instance ("15-QĐ/TU" becomes "15-QĐ_TU"): characters instance ids cannot hold are replaced.
        string key = new([.. reference.Select(c => c is '/' or '\\' or '#' or '?' or '~' ? '_' : c)]);
        string instanceId = await commands.ReRateAsync(new ReRatingInput(memberId, body.Year!.Value, level, body.Reason!.Trim(), caller.Actor) { DecisionReference = reference }, key, context.RequestAborted);
        return ReviewResults.Accepted(context, null, new ReRatingView(instanceId, memberId, body.Year.Value, level, reference));
    }
}
