using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using AnnualReview.Assessment.Model;
using Microsoft.DurableTask;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Rules;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Workflows.Activities;

/// <summary>
/// Cancels a year's rating and records the new one; revokes the awards that rested on the old rating: that
/// year's certificate and any five-year award whose five years included it. The cancelled rating is kept.
/// </summary>
public sealed class ApplyReRatingActivity(AssessmentStorage storage) : TaskActivity<ReRatingInput, ReRatingOutcome>
{
    public override async Task<ReRatingOutcome> RunAsync(TaskActivityContext context, ReRatingInput input)
    {
        CancellationToken cancellation = CancellationToken.None;
        var readModels = new ReadModelStore(storage);
        Dictionary<int, RatingRecord> records = await ReadYearsAsync(input.MemberId, input.Year, input.Year + 4, cancellation);
        // A re-run (DTFx runs an activity at least once) finds the year already re-rated: the rating it cancels is
        // the one the first run kept under this instance's key, not the new one.
        string cancelledKey = $"{input.Year:D4}-cancelled-{StableHash.Of(context.InstanceId):x8}";
        RatingRecord? old = await ReadCancelledAsync(input.MemberId, cancelledKey, cancellation) ?? records.GetValueOrDefault(input.Year);
        var revokedByYear = CycleRules.RevokedBy(input, old?.Level, records).GroupBy(r => r.RecordYear).ToList();
        var revoked = new List<string>();
        foreach (var group in revokedByYear)
        {
            var lost = group.Select(g => g.Award).ToList();
            revoked.AddRange(lost.Select(a => $"{group.Key}:{a}"));
            if (group.Key != input.Year)
            {
                RatingRecord record = records[group.Key];
                await readModels.WriteRatingAsync(record with { Awards = [.. record.Awards.Except(lost)], RevokedAwards = [.. record.RevokedAwards.Union(lost)] }, cancellation);
            }
        }

        if (old is not null)
        {
            // The cancelled rating stays, under its own key, beside the new one.
            var cancelled = old with { Cancelled = true, CancelReason = input.Reason, RevokedAwards = [.. old.Awards], Awards = [] };
            await storage.Ratings.For(input.MemberId).UpsertEntityAsync(new TableEntity(input.MemberId, cancelledKey)
            {
                ["Json"] = JsonSerializer.Serialize(cancelled, WorkflowJson.Options),
                ["Level"] = old.Level.ToString(),
                ["Cancelled"] = true,
            }, TableUpdateMode.Replace, cancellation);
        }

        await readModels.WriteRatingAsync(new RatingRecord(input.MemberId, input.Year, input.NewLevel, old?.CycleId ?? "re-rating"), cancellation);
        return new ReRatingOutcome(input.MemberId, input.Year, old?.Level, input.NewLevel, revoked);
    }

    /// <summary>The rating as it was before this re-rating, if an earlier run of it already cancelled it.</summary>
    private async Task<RatingRecord?> ReadCancelledAsync(string memberId, string key, CancellationToken cancellation)
    {
        NullableResponse<TableEntity> row = await storage.Ratings.For(memberId).GetEntityIfExistsAsync<TableEntity>(memberId, key, cancellationToken: cancellation);
        if (!row.HasValue || row.Value!.GetString("Json") is not { } json)
        {
            return null;
        }

        RatingRecord cancelled = JsonSerializer.Deserialize<RatingRecord>(json, WorkflowJson.Options)!;
        return cancelled with { Cancelled = false, CancelReason = null, Awards = cancelled.RevokedAwards, RevokedAwards = [] };
    }

    private async Task<Dictionary<int, RatingRecord>> ReadYearsAsync(string memberId, int from, int to, CancellationToken cancellation)
    {
        var found = new Dictionary<int, RatingRecord>();
        for (int year = from; year <= to; year++)
        {
            NullableResponse<TableEntity> row = await storage.Ratings.For(memberId).GetEntityIfExistsAsync<TableEntity>(memberId, year.ToString("D4", CultureInfo.InvariantCulture), cancellationToken: cancellation);
            if (row.HasValue && row.Value!.GetString("Json") is { } json)
            {
                found[year] = JsonSerializer.Deserialize<RatingRecord>(json, WorkflowJson.Options)!;
            }
        }

        return found;
    }
}
