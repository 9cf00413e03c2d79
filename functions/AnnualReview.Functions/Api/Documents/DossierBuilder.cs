using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using AnnualReview.Assessment.Model;
using AnnualReview.Functions.Api.Audit;
using AnnualReview.Functions.Api.Cycles;
using AnnualReview.Functions.Api.Reviews;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;
using Microsoft.DurableTask.Client;

namespace AnnualReview.Functions.Api.Documents;

/// <summary>
/// A unit's whole paper dossier for a cycle as one ZIP: every document of the units in its subtree (the reports
/// upward, the decision lists, each cell's report and minutes, each member's self-review and any decision that
/// re-rated the cycle's year), and manifest.json with
/// the SHA-256 of each file and the audit manifest's entries for the same units, so the printed papers can be tied
/// to the sealed history they came from.
/// </summary>
internal sealed class DossierBuilder(DocumentSources sources, ReadModelStore readModels, AuditExport audit, DurableTaskClient client, TimeProvider clock)
{
    public const string ZipType = "application/zip";

    /// <summary>The audit's own settings (so entries read the same as in the audit manifest), indented for people.</summary>
    private static readonly JsonSerializerOptions ManifestOptions = new(AuditExport.LineOptions) { WriteIndented = true };

    public async Task<(byte[] Zip, DossierManifest Manifest)> BuildAsync(CycleInfo cycle, Unit top, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(top);
        string cycleId = cycle.Input.CycleId;
        List<ProgressRow> progress = await readModels.ReadProgressAsync(cycleId, cancellation);
        HashSet<string> subtree = CycleAccess.Subtree(progress, top.Id);
        List<Unit> units = [top, .. progress.Where(p => p.UnitId != top.Id && subtree.Contains(p.UnitId))
            .OrderBy(p => p.UnitId, StringComparer.Ordinal).Select(p => new Unit(p.UnitId, p.UnitName, p.Kind, p.ParentId))];

        ILookup<string, YearReRating> reRatings = await ReRatingsAsync(cycle.Input.Year, cancellation);
        var files = new List<DocumentFile>();
        foreach (Unit unit in units)
        {
            files.AddRange(await DocumentsOfAsync(cycle, unit, progress, reRatings, cancellation));
        }

        List<ManifestEntry> instances = await audit.EntriesForUnitsAsync(cycleId, cycle.Input.RootUnitId, subtree, cancellation);
        var manifest = new DossierManifest(cycleId, top.Id, clock.GetUtcNow(), "SHA-256",
            [.. files.Select(f => new DossierFileEntry(f.Path, f.Content.LongLength, Convert.ToHexStringLower(SHA256.HashData(f.Content))))],
            new DossierAudit($"/api/audit/cycles/{cycleId}/manifest", instances));
        return (Zip(files, manifest), manifest);
    }

    private async Task<List<DocumentFile>> DocumentsOfAsync(
        CycleInfo cycle, Unit unit, IReadOnlyList<ProgressRow> progress, ILookup<string, YearReRating> reRatings, CancellationToken cancellation)
    {
        var files = new List<DocumentFile>();
        if (unit.Kind != UnitKind.Cell)
        {
            files.Add(await sources.UnitReportAsync(cycle, unit, progress, cancellation));
        }

        if (unit.Kind == UnitKind.GrassrootsOrganization)
        {
            files.Add(await sources.DecisionListAsync(cycle, unit, cancellation));
        }

        if (unit.Kind == UnitKind.Cell)
        {
            DocumentFile?[] cellFiles = [await sources.CollectiveReportAsync(cycle, unit, cancellation), await sources.MeetingMinutesAsync(cycle, unit, cancellation)];
            files.AddRange(cellFiles.OfType<DocumentFile>());
            foreach (Member member in (await sources.Roster.GetCellMembersAsync(unit.Id, cancellation)).OrderBy(m => m.Id, StringComparer.Ordinal))
            {
                if (await sources.SelfReviewAsync(cycle, member, cancellation) is { } review)
                {
                    files.Add(review);
                }

                foreach (YearReRating reRating in reRatings[member.Id])
                {
                    files.Add(await sources.ReRatingAsync(member, reRating.Input, reRating.Outcome, reRating.Reference, cancellation));
                }
            }
        }

        return files;
    }

    /// <summary>
    /// The re-ratings applied to the cycle's year, by member. They run after the cycle under their own instance ids
    /// ("rerate~member~year~reference"), so they are found by that prefix; a city has a handful a year.
    /// </summary>
    private async Task<ILookup<string, YearReRating>> ReRatingsAsync(int year, CancellationToken cancellation)
    {
        var found = new List<(string InstanceId, YearReRating ReRating)>();
        var query = new OrchestrationQuery { InstanceIdPrefix = CycleInstanceIds.ReRatingPrefix, FetchInputsAndOutputs = true, PageSize = 100 };
        await foreach (OrchestrationMetadata instance in client.GetAllInstancesAsync(query).WithCancellation(cancellation))
        {
            if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed && instance.ReadInputAs<ReRatingInput>() is { } input && input.Year == year)
            {
                // The file is named by the reference as the instance id holds it, as the download route names it.
                string reference = instance.InstanceId[(instance.InstanceId.LastIndexOf('~') + 1)..];
                found.Add((instance.InstanceId, new YearReRating(input, instance.ReadOutputAs<ReRatingOutcome>(), reference)));
            }
        }

        return found.OrderBy(f => f.InstanceId, StringComparer.Ordinal).ToLookup(f => f.ReRating.Input.MemberId, f => f.ReRating, StringComparer.Ordinal);
    }

    /// <summary>A re-rating of the cycle's year: what was decided, what it changed, and its reference in file names.</summary>
    private sealed record YearReRating(ReRatingInput Input, ReRatingOutcome? Outcome, string Reference);

    private static byte[] Zip(List<DocumentFile> files, DossierManifest manifest)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (DocumentFile file in files)
            {
                using Stream entry = zip.CreateEntry(file.Path, CompressionLevel.Optimal).Open();
                entry.Write(file.Content);
            }

            using Stream json = zip.CreateEntry("manifest.json", CompressionLevel.Optimal).Open();
            JsonSerializer.Serialize(json, manifest, ManifestOptions);
        }

        return stream.ToArray();
    }
}
