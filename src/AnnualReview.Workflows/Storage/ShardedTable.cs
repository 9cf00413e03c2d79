using Azure.Data.Tables;

namespace AnnualReview.Workflows.Storage;

/// <summary>
/// One logical table kept as one or more tables, a partition always in the same one (by a stable hash of its
/// key). With one shard it is the plain table of that name. Azure partitions a table by key on its own, so one
/// shard is right there; Azurite's table service reads every row of a table on each point read, insert and
/// update, so a city-sized roster or inbox on Azurite wants several smaller tables.
/// </summary>
public sealed class ShardedTable
{
    private readonly TableClient[] _shards;

    public ShardedTable(TableServiceClient service, string name, int shards)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        _shards = shards == 1
            ? [service.GetTableClient(name)]
            : [.. Enumerable.Range(0, shards).Select(s => service.GetTableClient($"{name}{s:D2}"))];
    }

    public IReadOnlyList<TableClient> Shards => _shards;

    /// <summary>The table that holds this partition.</summary>
    public TableClient For(string partitionKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        return _shards.Length == 1 ? _shards[0] : _shards[StableHash.Of(partitionKey) % (uint)_shards.Length];
    }

    public Task CreateIfNotExistsAsync(CancellationToken cancellation)
        => Task.WhenAll(_shards.Select(s => s.CreateIfNotExistsAsync(cancellation)));
}
