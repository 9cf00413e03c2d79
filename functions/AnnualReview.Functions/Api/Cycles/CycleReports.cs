using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using AnnualReview.Functions.Problems;
using AnnualReview.Functions.Security;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Api.Cycles;

/// <summary>Report downloads from the reports container: the final report once written, else the latest interim one.</summary>
public sealed class CycleReports(AssessmentStorage storage, CycleAccess access, UnitScope scope)
{
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<IResult> DownloadAsync(HttpContext context, string cycleId, string unitId, string format, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        (CycleRecord? cycle, IResult? problem) = await CycleEndpoints.SeenCycleAsync(context, access, cycleId, cancellation);
        if (cycle is null)
        {
            return problem!;
        }

        if (!await scope.CoversAsync(Caller.From(context.User), unitId, cancellation))
        {
            return ApiProblem.Result(context, ProblemKind.OutOfScope, "unitId");
        }

        string file = format == Xlsx ? "results.xlsx" : ApiProblem.PrefersEnglish(context) ? "results-en.csv" : "results-vi.csv";
        foreach (string stage in new[] { "final", "interim" })
        {
            BlobClient blob = storage.Reports.GetBlobClient($"{cycleId}/{unitId}/{stage}/{file}");
            try
            {
                Response<BlobDownloadStreamingResult> download = await blob.DownloadStreamingAsync(cancellationToken: cancellation);
                string type = format == Xlsx ? XlsxType : "text/csv; charset=utf-8";
                return Results.Stream(download.Value.Content, type, $"{cycleId}-{unitId}-{stage}.{format}");
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Not written yet at this stage; try the next.
            }
        }

        return ApiProblem.Result(context, ProblemKind.ReportNotReady, "unitId");
    }
}
