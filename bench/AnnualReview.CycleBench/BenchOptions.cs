using System.Globalization;
using AnnualReview.TaskHub;

namespace AnnualReview.CycleBench;

/// <summary>Command-line options; every one has a default, so the bench runs with none.</summary>
internal sealed record BenchOptions
{
    public int Members { get; init; } = 10_000;

    public int Seed { get; init; } = 2025;

    /// <summary>Simulated seconds per real second (3,600: one simulated hour per second).</summary>
    public double Factor { get; init; } = 3600;

    /// <summary>People acting at once.</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>
    /// Tables the big assessment tables (TableShards) are spread over: Azurite reads a whole table on every point
    /// read and update, so the cost of each grows with the city.
    /// </summary>
    public int TableShards { get; init; } = 16;

    /// <summary>The task hub's partitions: one control queue each.</summary>
    public int Partitions { get; init; } = 4;

    /// <summary>DTFx backs off polling an empty queue up to this; host.json sets one second.</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromSeconds(1);

    public bool ExtendedSessions { get; init; }

    public bool Attachments { get; init; } = true;

    /// <summary>Each submission counts its A.III against last year's shortcomings, as the app does (off: the figures before it did).</summary>
    public bool RemedyCount { get; init; } = true;

    /// <summary>
    /// A cycle of last year is on record (with nobody's review in it), so each count looks for every member's past:
    /// the dearest path. Without it the city's first cycle stops the count after two reads.
    /// </summary>
    public bool LastYear { get; init; }

    /// <summary>A wait that makes no progress for this long ends the run (exit code 1).</summary>
    public TimeSpan StallLimit { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromHours(3);

    /// <summary>The task hub's settings: the app's host.json values (visibility one minute, 16 + 16 at once) with this run's knobs.</summary>
    public TaskHubSettings TaskHub() => new()
    {
        HubName = "cyclebench",
        PartitionCount = Partitions,
        MaxQueuePollingInterval = MaxPollingInterval,
        ControlQueueVisibilityTimeout = TimeSpan.FromMinutes(1),
        WorkItemQueueVisibilityTimeout = TimeSpan.FromMinutes(1),
        MaxConcurrentActivityFunctions = 16,
        MaxConcurrentOrchestratorFunctions = 16,
        ExtendedSessionsEnabled = ExtendedSessions,
    };

    public static BenchOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new BenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Number() => int.Parse(Value(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            options = name switch
            {
                "--members" => options with { Members = Number() },
                "--seed" => options with { Seed = Number() },
                "--factor" => options with { Factor = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--concurrency" => options with { Concurrency = Number() },
                "--table-shards" => options with { TableShards = Number() },
                "--partitions" => options with { Partitions = Number() },
                "--max-polling-ms" => options with { MaxPollingInterval = TimeSpan.FromMilliseconds(Number()) },
                "--extended-sessions" => options with { ExtendedSessions = true },
                "--no-attachments" => options with { Attachments = false },
                "--no-remedy-count" => options with { RemedyCount = false },
                "--last-year" => options with { LastYear = true },
                "--stall-minutes" => options with { StallLimit = TimeSpan.FromMinutes(Number()) },
                "--timeout-minutes" => options with { Timeout = TimeSpan.FromMinutes(Number()) },
                _ => throw new ArgumentException($"Unknown option {name}. See bench/AnnualReview.CycleBench/README.md."),
            };
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Factor, 0);
        options.TaskHub().Validate();
        return options;
    }
}
