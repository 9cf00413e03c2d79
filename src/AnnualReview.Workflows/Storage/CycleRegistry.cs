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
    public async Task AddAsync(CycleInput input, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(input);
        await storage.Cycles.UpsertEntityAsync(new TableEntity(Partition, input.CycleId)
        {
            ["Json"] = JsonSerializer.Serialize(input, WorkflowJson.Options),
            ["Year"] = input.Year,
            ["RootUnitId"] = input.RootUnitId,
        }, TableUpdateMode.Replace, cancellation);
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
