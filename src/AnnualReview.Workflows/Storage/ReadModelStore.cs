using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Workflows.Storage;

/// <summary>
/// The read models dashboards use, so no one scans orchestration histories: progress per unit, each member's
/// stage, late reports, and ratings by year. Every write replaces a whole row computed by the workflow, so a
/// retried activity leaves the same result.
/// </summary>
public sealed class ReadModelStore(AssessmentStorage storage)
{
    public Task WriteProgressAsync(ProgressRow row, CancellationToken cancellation)
        => storage.Progress.UpsertEntityAsync(JsonRow(row.CycleId, row.UnitId, row, new()
        {
            ["ParentId"] = row.ParentId,
            ["Kind"] = row.Kind.ToString(),
            ["Stage"] = row.Stage,
            ["LateCount"] = row.LateCount,
        }), TableUpdateMode.Replace, cancellation);

    public async Task<List<ProgressRow>> ReadProgressAsync(string cycleId, CancellationToken cancellation)
        => await ReadJsonAsync<ProgressRow>(storage.Progress, TableClient.CreateQueryFilter($"PartitionKey eq {cycleId}"), cancellation);

    public async Task<ProgressRow?> ReadProgressAsync(string cycleId, string unitId, CancellationToken cancellation)
    {
        NullableResponse<TableEntity> row = await storage.Progress.GetEntityIfExistsAsync<TableEntity>(cycleId, unitId, cancellationToken: cancellation);
        return row.HasValue ? Parse<ProgressRow>(row.Value!) : null;
    }

    public async Task WriteMemberStagesAsync(MemberStageRows rows, CancellationToken cancellation)
    {
        string partition = rows.CycleId + "|" + rows.CellId;
        var actions = rows.Members.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, JsonRow(partition, m.MemberId, m, new()
        {
            ["Stage"] = m.Stage.ToString(),
            ["SelfReviewDue"] = DateTime.SpecifyKind(rows.SelfReviewDue, DateTimeKind.Utc),
            ["MeetingDue"] = DateTime.SpecifyKind(rows.MeetingDue, DateTimeKind.Utc),
        })));
        await AssessmentStorage.SubmitInBatchesAsync(storage.MemberStages, actions, cancellation);
    }

    public async Task<List<MemberResult>> ReadMemberStagesAsync(string cycleId, string cellId, CancellationToken cancellation)
        => await ReadJsonAsync<MemberResult>(storage.MemberStages.For(cycleId + "|" + cellId), TableClient.CreateQueryFilter($"PartitionKey eq {cycleId + "|" + cellId}"), cancellation);

    public Task WriteLateAsync(LateEntry entry, CancellationToken cancellation)
        => storage.Late.UpsertEntityAsync(JsonRow(entry.CycleId, entry.UnitId + "|" + entry.Step, entry, new() { ["Resolved"] = entry.ResolvedAt is not null }), TableUpdateMode.Replace, cancellation);

    public async Task<List<LateEntry>> ReadLateAsync(string cycleId, CancellationToken cancellation)
        => await ReadJsonAsync<LateEntry>(storage.Late, TableClient.CreateQueryFilter($"PartitionKey eq {cycleId}"), cancellation);

    public Task WriteRatingAsync(RatingRecord record, CancellationToken cancellation)
        => storage.Ratings.For(record.MemberId).UpsertEntityAsync(JsonRow(record.MemberId, record.Year.ToString("D4", CultureInfo.InvariantCulture), record, new()
        {
            ["Level"] = record.Level.ToString(),
            ["Cancelled"] = record.Cancelled,
        }), TableUpdateMode.Replace, cancellation);

    /// <summary>A member's ratings of every year (a small partition).</summary>
    public async Task<List<RatingRecord>> ReadRatingsAsync(string memberId, CancellationToken cancellation)
        => await ReadJsonAsync<RatingRecord>(storage.Ratings.For(memberId), TableClient.CreateQueryFilter($"PartitionKey eq {memberId}"), cancellation);

    private static TableEntity JsonRow<T>(string partition, string row, T value, Dictionary<string, object?> columns)
    {
        var entity = new TableEntity(partition, row) { ["Json"] = JsonSerializer.Serialize(value, WorkflowJson.Options) };
        foreach (var (key, column) in columns)
        {
            entity[key] = column;
        }

        return entity;
    }

    private static T Parse<T>(TableEntity row) => JsonSerializer.Deserialize<T>(row.GetString("Json") ?? "null", WorkflowJson.Options)!;

    private static async Task<List<T>> ReadJsonAsync<T>(TableClient table, string filter, CancellationToken cancellation)
    {
        var list = new List<T>();
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellation))
        {
            list.Add(Parse<T>(row));
        }

        return list;
    }
}
