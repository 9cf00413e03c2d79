using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>Per unit, how many of last year's shortcomings the members fixed this year (kết quả khắc phục hạn chế).</summary>
internal sealed class RemedyEndpoints(CycleDirectory cycles, ReviewAccess access, RemedyReport report)
{
    public void Map(RouteGroupBuilder api)
    {
        api.MapGet("/cycles/{cycleId}/units/{unitId}/remedies", GetAsync)
            .RequireAuthorization(p => p.RequireRole(ReviewAccess.Readers))
            .WithName("GetRemedies")
            .WithSummary("Kết quả khắc phục hạn chế năm trước theo đơn vị / Last year's shortcomings fixed, per unit")
            .Produces<RemedyReportView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
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

        RemedyReportView? view = await report.ForAsync(cycle!.Input, unit!, ApiProblem.PrefersEnglish(context), context.RequestAborted);
        return view is null
            ? ApiProblem.Result(context, ReviewProblems.UnitTooLarge, "unitId",
                $"Đơn vị có hơn {RemedyReport.MaxMembers} đảng viên; hãy xem từng đơn vị cấp dưới.",
                $"The unit has more than {RemedyReport.MaxMembers} members; look at the units below it.")
            : ReviewResults.Ok(view);
    }
}
