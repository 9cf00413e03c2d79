using System.Globalization;

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

    /// <summary>People wait while the task hub's queues together hold more messages than this.</summary>
    public int MaxQueueDepth { get; init; } = 200;

    /// <summary>
    /// The engine's MaxControlQueueDepth (due timers and new instances wait while a control queue holds more).
    /// Lower than the engine's default because Azurite's queue service slows with every message it holds.
    /// </summary>
    public int ControlQueueDepth { get; init; } = 150;

    /// <summary>
    /// Tables the engine's instances (InstanceTableCount) and the big assessment tables (TableShards) are spread
    /// over: Azurite reads a whole table on every point read and update, so the cost of each grows with the city.
    /// </summary>
    public int TableShards { get; init; } = 16;

    /// <summary>The engine's instance cache; null keeps the engine's default.</summary>
    public int? CachedInstances { get; init; }

    public bool Attachments { get; init; } = true;

    /// <summary>Use the emulator that ANNUALREVIEW_STORAGE names instead of starting a fresh one.</summary>
    public bool StorageFromEnvironment { get; init; }

    /// <summary>A phase that makes no progress for this long ends the run (exit code 1).</summary>
    public TimeSpan StallLimit { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromHours(3);

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
                "--max-queue-depth" => options with { MaxQueueDepth = Number() },
                "--control-queue-depth" => options with { ControlQueueDepth = Number() },
                "--table-shards" => options with { TableShards = Number() },
                "--cache" => options with { CachedInstances = Number() },
                "--no-attachments" => options with { Attachments = false },
                "--storage-from-env" => options with { StorageFromEnvironment = true },
                "--stall-minutes" => options with { StallLimit = TimeSpan.FromMinutes(Number()) },
                "--timeout-minutes" => options with { Timeout = TimeSpan.FromMinutes(Number()) },
                _ => throw new ArgumentException($"Unknown option {name}. See bench/AnnualReview.CycleBench/README.md."),
            };
        }

        return options;
    }
}
