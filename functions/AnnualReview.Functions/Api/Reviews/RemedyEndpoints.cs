using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Reports;
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
            .WithDescription("JSON by default; `?format=csv` or `?format=xlsx` gives the same table as a file to file with the unit's report (members' and organizations' own shortcomings, share fixed).")
            .Produces<RemedyReportView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private Task<IResult> GetAsync(HttpContext context, string cycleId, string unitId)
        => ReadAsync(context, cycleId, unitId, context.Request.Query["format"].ToString());

    /// <summary>The count for the API and the dashboard's download link alike: JSON, or a CSV or XLSX file.</summary>
    public async Task<IResult> ReadAsync(HttpContext context, string cycleId, string unitId, string? format)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (format is { Length: > 0 } && format is not (Cycles.CycleReports.Csv or Cycles.CycleReports.Xlsx))
        {
            return ApiProblem.Result(context, ProblemKind.Validation, "format", "Định dạng chỉ là csv hoặc xlsx.", "The format is csv or xlsx.");
        }

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
            : format switch
            {
                Cycles.CycleReports.Csv => Results.File(ReportCsv.ToBytes(RemedyTable.From(view, ApiProblem.PrefersEnglish(context))), "text/csv; charset=utf-8", $"{cycleId}-{unitId}-remedies.csv"),
                Cycles.CycleReports.Xlsx => Results.File(ReportXlsx.Write([RemedyTable.From(view, ApiProblem.PrefersEnglish(context))]), Cycles.CycleReports.XlsxType, $"{cycleId}-{unitId}-remedies.xlsx"),
                _ => ReviewResults.Ok(view),
            };
    }
}
