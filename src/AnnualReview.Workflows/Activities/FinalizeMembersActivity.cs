using System.Globalization;
using Azure;
using Azure.Data.Tables;
using AnnualReview.Assessment.Model;
using Microsoft.DurableTask;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Rules;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Workflows.Activities;

/// <summary>
/// Records each member's final level for the year, grants awards (the year's certificate, five consecutive
/// Excellent years), opens follow-up for "not completed", raises the two-year flag, and tells each member.
/// Earlier years are read only for members whose level can lead to an award or a flag. Records the cells' levels
/// and the committee's conclusions on them too.
/// </summary>
public sealed class FinalizeMembersActivity(AssessmentStorage storage, TimeProvider? clock = null) : TaskActivity<FinalizeInput, FinalizeResult>
{
    private const int MaxParallelWrites = 16;

    public override async Task<FinalizeResult> RunAsync(TaskActivityContext context, FinalizeInput input)
    {
        CycleRules rules = CycleRules.For(input.Cycle.RuleSetId);
        var readModels = new ReadModelStore(storage);
        int year = input.Cycle.Year;
        DateTime now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        MemberResult[] rated = [.. input.Members.Where(m => m.Final is not null)];
        var recognitions = new MemberRecognition[rated.Length];

        // Each member's rating is its own partition (their years side by side), so the writes cannot share a
        // transaction; running them side by side keeps an organization of hundreds of members to seconds.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, rated.Length),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelWrites, CancellationToken = CancellationToken.None },
            async (i, cancellation) =>
            {
                MemberResult member = rated[i];
                RatingLevel level = member.Final!.Value;
                IReadOnlyDictionary<int, RatingLevel> previous = level is RatingLevel.Excellent or RatingLevel.NotCompleted
                    ? await PreviousYearsAsync(member.MemberId, year, cancellation)
                    : new Dictionary<int, RatingLevel>();
                MemberRecognition recognition = rules.Recognize(member.MemberId, year, level, previous);
                recognitions[i] = recognition;
                await readModels.WriteRatingAsync(new RatingRecord(member.MemberId, year, level, input.Cycle.CycleId) { Awards = recognition.Awards, Conclusion = member.Conclusion }, cancellation);
            });

        // The cells' own ratings sit beside the members', under the id their reports are kept by.
        foreach (CellRating cell in input.Cells)
        {
            await readModels.WriteRatingAsync(new RatingRecord(CollectiveReview.Id(cell.CellId), year, cell.Level, input.Cycle.CycleId) { Conclusion = cell.Conclusion }, CancellationToken.None);
        }

        var notifications = new List<NotificationRequest>();
        for (int i = 0; i < rated.Length; i++)
        {
            MemberResult member = rated[i];
            MemberRecognition recognition = recognitions[i];
            var data = new Dictionary<string, string>
            {
                ["year"] = year.ToString(CultureInfo.InvariantCulture),
                ["level"] = member.Final!.Value.ToString(),
                ["awards"] = string.Join(", ", recognition.Awards),
                ["flags"] = string.Join(", ", recognition.Flags),
                ["followUp"] = recognition.FollowUpPlan ? "true" : "false",
            };
            notifications.Add(new NotificationRequest($"{input.Cycle.CycleId}|{Templates.FinalLevel}|{member.MemberId}", member.MemberId, Templates.FinalLevel, data)
            {
                CycleId = input.Cycle.CycleId,
                CreatedAt = now,
            });
            if (recognition.Awards.Count > 0)
            {
                notifications.Add(new NotificationRequest($"{input.Cycle.CycleId}|{Templates.Award}|{member.MemberId}", member.MemberId, Templates.Award, data)
                {
                    CycleId = input.Cycle.CycleId,
                    CreatedAt = now,
                });
            }
        }

        await new NotificationOutbox(storage).WriteAsync(notifications, CancellationToken.None);
        return new FinalizeResult([.. recognitions]);
    }

    /// <summary>The four years before, by point reads (known keys), skipping cancelled ratings.</summary>
    private async Task<IReadOnlyDictionary<int, RatingLevel>> PreviousYearsAsync(string memberId, int year, CancellationToken cancellation)
    {
        var reads = Enumerable.Range(year - 4, 4).Select(async y =>
        {
            NullableResponse<TableEntity> row = await storage.Ratings.For(memberId).GetEntityIfExistsAsync<TableEntity>(memberId, y.ToString("D4", CultureInfo.InvariantCulture), ["Level", "Cancelled"], cancellation);
            return (Year: y, Row: row.HasValue ? row.Value : null);
        });
        var found = new Dictionary<int, RatingLevel>();
        foreach (var (y, row) in await Task.WhenAll(reads))
        {
            if (row is not null && row.GetBoolean("Cancelled") != true && Enum.TryParse(row.GetString("Level"), out RatingLevel level))
            {
                found[y] = level;
            }
        }

        return found;
    }
}
