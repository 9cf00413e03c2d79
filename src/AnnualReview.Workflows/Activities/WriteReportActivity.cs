using System.Globalization;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Reports;
using Microsoft.DurableTask;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Workflows.Activities;

/// <summary>
/// Writes a unit's report from the read models: counts and percentages per level for the unit and every unit
/// below it, the quota check, and the late reports; as CSV (Vietnamese and English) and XLSX, to Blob Storage.
/// </summary>
public sealed class WriteReportActivity(AssessmentStorage storage) : TaskActivity<ReportInput, ReportResult>
{
    public override async Task<ReportResult> RunAsync(TaskActivityContext context, ReportInput input)
    {
        CancellationToken cancellation = CancellationToken.None;
        var readModels = new ReadModelStore(storage);
        List<ProgressRow> progress = await readModels.ReadProgressAsync(input.CycleId, cancellation);
        HashSet<string> subtree = Subtree(progress, input.UnitId);
        RemedySums remedies = RemedySums.Of(progress);
        List<UnitResultRow> rows = [.. progress.Where(p => subtree.Contains(p.UnitId)).OrderBy(p => p.Kind).ThenBy(p => p.UnitId, StringComparer.Ordinal)
            .Select(p => ToRow(p) with { MembersRemedy = remedies.Members(p.UnitId), OrganizationsRemedy = remedies.Organizations(p.UnitId) })];
        List<LateEntry> late = [.. (await readModels.ReadLateAsync(input.CycleId, cancellation)).Where(l => subtree.Contains(l.UnitId))];
        List<LateReportRow> lateRows = [.. late.Select(ToLateRow)];

        string folder = $"{input.CycleId}/{input.UnitId}/{(input.Final ? "final" : "interim")}";
        var blobs = new List<string>();
        foreach (ReportLanguage language in new[] { ReportLanguage.Vietnamese, ReportLanguage.English })
        {
            using var csv = new MemoryStream();
            ReportCsv.Write(csv, rows, language);
            blobs.Add(await UploadAsync($"{folder}/results-{Code(language)}.csv", csv.ToArray(), cancellation));
        }

        blobs.Add(await UploadAsync($"{folder}/results.xlsx", ReportXlsx.Write(rows, lateRows, ReportLanguage.Vietnamese), cancellation));
        return new ReportResult(blobs);
    }

    private async Task<string> UploadAsync(string name, byte[] content, CancellationToken cancellation)
    {
        await storage.Reports.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellation);
        return name;
    }

    private static string Code(ReportLanguage language) => language == ReportLanguage.Vietnamese ? "vi" : "en";

    private static HashSet<string> Subtree(List<ProgressRow> progress, string rootId)
    {
        var children = progress.Where(p => p.ParentId is not null).ToLookup(p => p.ParentId!, p => p.UnitId, StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal) { rootId };
        var queue = new Queue<string>([rootId]);
        while (queue.TryDequeue(out string? unit))
        {
            foreach (string child in children[unit].Where(found.Add))
            {
                queue.Enqueue(child);
            }
        }

        return found;
    }

    private static UnitResultRow ToRow(ProgressRow p)
    {
        int Level(RatingLevel level) => p.ByLevel.GetValueOrDefault(level);
        return new UnitResultRow(p.UnitId, p.UnitName, p.Kind, p.ParentId,
            new RatingCounts(Level(RatingLevel.Excellent), Level(RatingLevel.Good), Level(RatingLevel.Completed), Level(RatingLevel.NotCompleted)),
            p.ByStage.GetValueOrDefault(MemberStage.NotRated),
            p.ByStage.GetValueOrDefault(MemberStage.NotSubmitted),
            p.Members)
        {
            QuotaOk = p.Kind == UnitKind.GrassrootsOrganization ? p.QuotaMessage is null : null,
            QuotaGuidance = p.QuotaMessage,
            LateReports = p.LateCount,
        };
    }

    private static LateReportRow ToLateRow(LateEntry entry)
    {
        DateTime end = entry.ResolvedAt ?? entry.UpdatedAt;
        int daysLate = Math.Max(0, (int)Math.Ceiling((end - entry.Due).TotalDays));
        return new LateReportRow(entry.UnitId, entry.UnitName, entry.Step, DateOnly.FromDateTime(entry.Due), daysLate,
            [.. entry.RemindedAt.Select(r => new DateTimeOffset(DateTime.SpecifyKind(r, DateTimeKind.Utc)))],
            entry.EscalatedTo.Count == 0 ? null : string.Join(", ", entry.EscalatedTo.Select(e => e.ToString(CultureInfo.InvariantCulture))));
    }
}
