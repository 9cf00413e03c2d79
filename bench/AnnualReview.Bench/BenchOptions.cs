using System.Globalization;
using AnnualReview.TaskHub;

namespace AnnualReview.Bench;

/// <summary>The command line: how big each scenario is and which ones run.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/AnnualReview.Bench -- [options]
          --quick              small sizes, for a smoke run
          --only a,b,...       run only these: raw, hello, fanout, events, timers, idle
          --idle N             idle instances for the memory figure (default 10000)
          --orchestrations N   HelloSequence5 orchestrations (default 300)
          --fanout N           FanOut100 orchestrations (default 10)
          --events N           event-latency instances (default 200)
          --timers N           timer-lateness instances (default 200)
          --partitions N       the task hub's partitions (control queues), 1-16 (default 4, as host.json)
          --max-polling-ms N   the longest a worker waits between polls of an empty queue (default 1000, as host.json)
          --extended-sessions  keep orchestrations in memory between steps (DTFx's extended sessions; off in host.json)
        """;

    public static readonly string[] ScenarioNames = ["idle", "raw", "hello", "fanout", "events", "timers"];

    public int Orchestrations { get; init; } = 300;

    public int FanOuts { get; init; } = 10;

    public int Events { get; init; } = 200;

    public int Timers { get; init; } = 200;

    public int IdleInstances { get; init; } = 10_000;

    public int RawInserts { get; init; } = 3_000;

    public int RawQueueCycles { get; init; } = 2_000;

    /// <summary>The task hub's partitions: one control queue each, leased by the workers.</summary>
    public int Partitions { get; init; } = 4;

    /// <summary>DTFx backs off polling an empty queue up to this; host.json sets one second.</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromSeconds(1);

    public bool ExtendedSessions { get; init; }

    /// <summary>The task hub's settings: the app's host.json values (visibility one minute, 16 + 16 at once) with this run's knobs.</summary>
    public TaskHubSettings TaskHub(string hubName) => new()
    {
        HubName = hubName,
        PartitionCount = Partitions,
        MaxQueuePollingInterval = MaxPollingInterval,
        ControlQueueVisibilityTimeout = TimeSpan.FromMinutes(1),
        WorkItemQueueVisibilityTimeout = TimeSpan.FromMinutes(1),
        MaxConcurrentActivityFunctions = 16,
        MaxConcurrentOrchestratorFunctions = 16,
        ExtendedSessionsEnabled = ExtendedSessions,
    };

    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>(ScenarioNames, StringComparer.OrdinalIgnoreCase);

    public bool Runs(string scenario) => Only.Contains(scenario);

    /// <summary>Reads the arguments; flags given after <c>--quick</c> still override its sizes.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new BenchOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string flag = args[i];
            options = flag switch
            {
                "--quick" => options with { Orchestrations = 30, FanOuts = 2, Events = 20, Timers = 20, IdleInstances = 500, RawInserts = 500, RawQueueCycles = 300 },
                "--only" => options with { Only = ParseOnly(Value(args, ++i, flag)) },
                "--idle" => options with { IdleInstances = Count(args, ++i, flag) },
                "--orchestrations" => options with { Orchestrations = Count(args, ++i, flag) },
                "--fanout" => options with { FanOuts = Count(args, ++i, flag) },
                "--events" => options with { Events = Count(args, ++i, flag) },
                "--timers" => options with { Timers = Count(args, ++i, flag) },
                "--partitions" => options with { Partitions = Count(args, ++i, flag) },
                "--max-polling-ms" => options with { MaxPollingInterval = TimeSpan.FromMilliseconds(Count(args, ++i, flag)) },
                "--extended-sessions" => options with { ExtendedSessions = true },
                _ => throw new ArgumentException($"Unknown option '{flag}'."),
            };
        }

        // Out-of-range knobs are refused here, before any scenario starts its Azurite.
        options.TaskHub("validation").Validate();
        return options;
    }

    private static HashSet<string> ParseOnly(string list)
    {
        var names = new HashSet<string>(list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
        string? unknown = names.FirstOrDefault(n => !ScenarioNames.Contains(n, StringComparer.OrdinalIgnoreCase));
        return unknown is null ? names : throw new ArgumentException($"Unknown scenario '{unknown}'; known: {string.Join(", ", ScenarioNames)}.");
    }

    private static string Value(IReadOnlyList<string> args, int index, string flag)
        => index < args.Count ? args[index] : throw new ArgumentException($"Option '{flag}' needs a value.");

    private static int Count(IReadOnlyList<string> args, int index, string flag)
        => int.TryParse(Value(args, index, flag), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new ArgumentException($"Option '{flag}' needs a positive whole number.");
}
