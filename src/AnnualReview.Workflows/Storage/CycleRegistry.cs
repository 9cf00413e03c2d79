using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Workflows.Storage;

/// <summary>
/// The cycles started, one row each with the input the cycle pinned. Listing cycles reads these few rows instead
/// of the task hub's instance list, where every unit of every cycle is an instance too.
/// </summary>
public sealed class CycleRegistry(AssessmentStorage storage)
{
    private const string Partition = "cycle";

    /// <summary>Written before the cycle's orchestration is started; writing it again changes nothing.</summary>
    public async Task AddAsync(CycleInput input, CancellationToken cancellation) => await AddAsync(input, null, cancellation);

    /// <summary>
    /// Writes the cycle's row naming the request that started it, unless another request's row is there: true when
    /// the row is this request's (new, or written by an earlier attempt of the same request).
    /// </summary>
    public async Task<bool> AddAsync(CycleInput input, string? startedBy, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(input);
        var row = new TableEntity(Partition, input.CycleId)
        {
            ["Json"] = JsonSerializer.Serialize(input, WorkflowJson.Options),
            ["Year"] = input.Year,
            ["RootUnitId"] = input.RootUnitId,
            ["StartedBy"] = startedBy,
        };
        if (startedBy is null)
        {
            await storage.Cycles.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellation);
            return true;
        }

        try
        {
            await storage.Cycles.AddEntityAsync(row, cancellation);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Two requests raced, or a retry finds its own first attempt's row; only the latter goes on.
            return await StartedByAsync(input.CycleId, cancellation) is (true, { } by) && string.Equals(by, startedBy, StringComparison.Ordinal);
        }
    }

    /// <summary>Whether the cycle has a row, and the request that wrote it (null for rows older than the column).</summary>
    public async Task<(bool Exists, string? StartedBy)> StartedByAsync(string cycleId, CancellationToken cancellation)
    {
        NullableResponse<TableEntity> row = await storage.Cycles.GetEntityIfExistsAsync<TableEntity>(Partition, cycleId, cancellationToken: cancellation);
        return row.HasValue ? (true, row.Value!.GetString("StartedBy")) : (false, null);
    }

    public async Task<List<CycleInput>> AllAsync(CancellationToken cancellation)
    {
        var cycles = new List<CycleInput>();
        await foreach (TableEntity row in storage.Cycles.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellation))
        {
            if (row.GetString("Json") is { } json)
            {
                cycles.Add(JsonSerializer.Deserialize<CycleInput>(json, WorkflowJson.Options)!);
            }
        }

        return cycles;
    }

    public async Task<CycleInput?> GetAsync(string cycleId, CancellationToken cancellation)
    {
        NullableResponse<TableEntity> row = await storage.Cycles.GetEntityIfExistsAsync<TableEntity>(Partition, cycleId, cancellationToken: cancellation);
        return row.HasValue && row.Value!.GetString("Json") is { } json ? JsonSerializer.Deserialize<CycleInput>(json, WorkflowJson.Options) : null;
    }
}
