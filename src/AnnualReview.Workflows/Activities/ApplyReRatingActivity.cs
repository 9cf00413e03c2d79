using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using AnnualReview.Assessment.Model;
using AnnualReview.Durable;
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
        CancellationToken cancellation = context.CancellationToken;
        var readModels = new ReadModelStore(storage);
        Dictionary<int, RatingRecord> records = await ReadYearsAsync(input.MemberId, input.Year, input.Year + 4, cancellation);
        RatingRecord? old = records.GetValueOrDefault(input.Year);
        var revokedByYear = CycleRules.RevokedBy(input, old?.Level, records).GroupBy(r => r.RecordYear).ToList();
        var revoked = new List<string>();
        foreach (var group in revokedByYear)
        {
            var lost = group.Select(g => g.Award).ToList();
            revoked.AddRange(lost.Select(a => $"{group.Key}:{a}"));
            if (group.Key != input.Year)
            {
                RatingRecord record = records[group.Key];
                await readModels.WriteRatingAsync(record with { Awards = [.. record.Awards.Except(lost)], RevokedAwards = [.. record.RevokedAwards, .. lost] }, cancellation);
            }
        }

        if (old is not null)
        {
            // The cancelled rating stays, under its own key, beside the new one.
            string key = $"{input.Year:D4}-cancelled-{context.TaskId}-{context.InstanceId.GetHashCode(StringComparison.Ordinal):x8}";
            var cancelled = old with { Cancelled = true, CancelReason = input.Reason, RevokedAwards = [.. old.Awards], Awards = [] };
            await storage.Ratings.For(input.MemberId).UpsertEntityAsync(new TableEntity(input.MemberId, key)
            {
                ["Json"] = JsonSerializer.Serialize(cancelled, DataConverter.Options),
                ["Level"] = old.Level.ToString(),
                ["Cancelled"] = true,
            }, TableUpdateMode.Replace, cancellation);
        }

        await readModels.WriteRatingAsync(new RatingRecord(input.MemberId, input.Year, input.NewLevel, old?.CycleId ?? "re-rating"), cancellation);
        return new ReRatingOutcome(input.MemberId, input.Year, old?.Level, input.NewLevel, revoked);
    }

    private async Task<Dictionary<int, RatingRecord>> ReadYearsAsync(string memberId, int from, int to, CancellationToken cancellation)
    {
        var found = new Dictionary<int, RatingRecord>();
        for (int year = from; year <= to; year++)
        {
            NullableResponse<TableEntity> row = await storage.Ratings.For(memberId).GetEntityIfExistsAsync<TableEntity>(memberId, year.ToString("D4", CultureInfo.InvariantCulture), cancellationToken: cancellation);
            if (row.HasValue && row.Value!.GetString("Json") is { } json)
            {
                found[year] = JsonSerializer.Deserialize<RatingRecord>(json, DataConverter.Options)!;
            }
        }

        return found;
    }
}
