using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace AnnualReview.Workflows.Storage;

/// <summary>Where the assessment's own data lives: the roster, submissions, the notification outbox and the read models.</summary>
public sealed class AssessmentStorageOptions
{
    /// <summary>Prefix of every table and container: lowercase letters and digits.</summary>
    public string Prefix { get; set; } = "review";

    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public TokenCredential? Credential { get; set; }

    /// <summary>
    /// Tables each of the big per-member tables (members, member index, submissions, inbox, member stages,
    /// ratings) is spread over; see <see cref="ShardedTable"/>. 1 on Azure; more on Azurite for a large city.
    /// Fixed for the life of the storage: a different count finds none of the rows already written.
    /// </summary>
    public int TableShards { get; set; } = 1;

    /// <summary>Extra pipeline policies (counting calls in benchmarks).</summary>
    public IList<Azure.Core.Pipeline.HttpPipelinePolicy> Policies { get; } = [];
}

/// <summary>The assessment's tables and containers. Partition keys are chosen so the hot operations are point reads or one-partition batches.</summary>
public sealed class AssessmentStorage
{
    public AssessmentStorage(AssessmentStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tableOptions = new TableClientOptions();
        var blobOptions = new BlobClientOptions();
        foreach (var policy in options.Policies)
        {
            tableOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
            blobOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }

        TableServiceClient tables;
        BlobServiceClient blobs;
        if (options.TableServiceUri is not null && options.BlobServiceUri is not null && options.Credential is not null)
        {
            tables = new TableServiceClient(options.TableServiceUri, options.Credential, tableOptions);
            blobs = new BlobServiceClient(options.BlobServiceUri, options.Credential, blobOptions);
        }
        else
        {
            tables = new TableServiceClient(options.ConnectionString ?? throw new ArgumentException("A connection string or service URIs with a credential are required."), tableOptions);
            blobs = new BlobServiceClient(options.ConnectionString, blobOptions);
        }

        string p = options.Prefix;
        Units = tables.GetTableClient(p + "Units");
        UnitIndex = tables.GetTableClient(p + "UnitIndex");
        Members = new ShardedTable(tables, p + "Members", options.TableShards);
        MemberIndex = new ShardedTable(tables, p + "MemberIndex", options.TableShards);
        Submissions = new ShardedTable(tables, p + "Submissions", options.TableShards);
        Inbox = new ShardedTable(tables, p + "Inbox", options.TableShards);
        Outbox = tables.GetTableClient(p + "Outbox");
        Progress = tables.GetTableClient(p + "Progress");
        MemberStages = new ShardedTable(tables, p + "MemberStages", options.TableShards);
        Late = tables.GetTableClient(p + "Late");
        Cycles = tables.GetTableClient(p + "Cycles");
        Ratings = new ShardedTable(tables, p + "Ratings", options.TableShards);
        Attachments = blobs.GetBlobContainerClient(p + "-attachments");
        Reports = blobs.GetBlobContainerClient(p + "-reports");
    }

    /// <summary>PK parent id ("^" for the root), RK unit id: a unit's children are one partition.</summary>
    public TableClient Units { get; }

    /// <summary>PK unit id: a unit by its id (point read), with its parent.</summary>
    public TableClient UnitIndex { get; }

    /// <summary>PK cell id, RK member id: a cell's members are one small partition.</summary>
    public ShardedTable Members { get; }

    /// <summary>
    /// PK a bucket of the member id (<see cref="RosterStore.MemberBucket"/>), RK member id: which cell a member is in
    /// now (members move between cycles). Buckets let an import write the index 100 rows per transaction.
    /// </summary>
    public ShardedTable MemberIndex { get; }

    /// <summary>PK cycle|member, RK version: every self-review version is kept.</summary>
    public ShardedTable Submissions { get; }

    /// <summary>PK recipient id, RK time|id: a person's notifications (the in-app inbox).</summary>
    public ShardedTable Inbox { get; }

    /// <summary>PK shard, RK id: notifications waiting for the delivery channels.</summary>
    public TableClient Outbox { get; }

    /// <summary>PK cycle, RK unit: counts by stage and level, late counts.</summary>
    public TableClient Progress { get; }

    /// <summary>PK cycle|cell, RK member: each member's stage, deadlines and levels.</summary>
    public ShardedTable MemberStages { get; }

    /// <summary>PK cycle, RK unit|step: late reports with reminders and escalations.</summary>
    public TableClient Late { get; }

    /// <summary>Every cycle started, with its pinned input: lists of cycles read this, not the task hub's instances.</summary>
    public TableClient Cycles { get; }

    /// <summary>PK member, RK year: the rating of each year (for five-year awards and repeated "not completed").</summary>
    public ShardedTable Ratings { get; }

    public BlobContainerClient Attachments { get; }

    public BlobContainerClient Reports { get; }

    public async Task EnsureCreatedAsync(CancellationToken cancellation = default)
    {
        await Task.WhenAll(
            Units.CreateIfNotExistsAsync(cancellation),
            Cycles.CreateIfNotExistsAsync(cancellation),
            UnitIndex.CreateIfNotExistsAsync(cancellation),
            Members.CreateIfNotExistsAsync(cancellation),
            MemberIndex.CreateIfNotExistsAsync(cancellation),
            Submissions.CreateIfNotExistsAsync(cancellation),
            Inbox.CreateIfNotExistsAsync(cancellation),
            Outbox.CreateIfNotExistsAsync(cancellation),
            Progress.CreateIfNotExistsAsync(cancellation),
            MemberStages.CreateIfNotExistsAsync(cancellation),
            Late.CreateIfNotExistsAsync(cancellation),
            Ratings.CreateIfNotExistsAsync(cancellation),
            Attachments.CreateIfNotExistsAsync(cancellationToken: cancellation),
            Reports.CreateIfNotExistsAsync(cancellationToken: cancellation));
    }

    /// <summary>
    /// One transaction per partition and 100 rows; transactions for different partitions run side by side
    /// (per-member partitions such as inboxes would otherwise be hundreds of sequential round trips).
    /// </summary>
    public static Task SubmitInBatchesAsync(TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellation)
        => SubmitInBatchesAsync(_ => table, actions, cancellation);

    /// <inheritdoc cref="SubmitInBatchesAsync(TableClient, IEnumerable{TableTransactionAction}, CancellationToken)"/>
    public static Task SubmitInBatchesAsync(ShardedTable table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellation)
        => SubmitInBatchesAsync(table.For, actions, cancellation);

    private static async Task SubmitInBatchesAsync(Func<string, TableClient> tableFor, IEnumerable<TableTransactionAction> actions, CancellationToken cancellation)
    {
        var chunks = actions.GroupBy(a => a.Entity.PartitionKey).SelectMany(partition => partition.Chunk(100)).ToList();
        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellation },
            async (chunk, ct) => await tableFor(chunk[0].Entity.PartitionKey).SubmitTransactionAsync(chunk, ct));
    }
}
