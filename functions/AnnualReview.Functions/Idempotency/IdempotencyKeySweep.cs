using Azure;
using Azure.Data.Tables;
using AnnualReview.Functions.Periodic;

namespace AnnualReview.Functions.Idempotency;

/// <summary>
/// Deletes expired idempotency keys so the table does not grow forever. Expired rows are already ignored when
/// read, so a sweep that runs late or twice changes nothing a caller can see.
/// </summary>
public sealed class IdempotencyKeySweep(IdempotencyStore store) : IPeriodicWork
{
    public string Name => "idempotency-key-sweep";

    public async Task RunOnceAsync(CancellationToken cancellation)
    {
        TableClient table = store.Table;
        await table.CreateIfNotExistsAsync(cancellation);
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        string filter = TableClient.CreateQueryFilter($"ExpiresAt lt {now}");
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellation))
        {
            try
            {
                // By ETag: a key reclaimed since the query keeps its new row.
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellation);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Gone already, or taken over by a new request.
            }
        }
    }
}
