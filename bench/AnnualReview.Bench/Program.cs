using System.Globalization;
using System.Text.Json;
using AnnualReview.Bench;
using AnnualReview.Bench.Scenarios;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var results = new BenchResults
{
    Partitions = options.Partitions,
    MaxPollingMs = options.MaxPollingInterval.TotalMilliseconds,
    ExtendedSessions = options.ExtendedSessions,
};

// Idle memory first, so its working set is not the high-water mark of the scenarios before it.
var scenarios = new (string Name, TimeSpan Timeout, Func<CancellationToken, Task> Run)[]
{
    ("idle", TimeSpan.FromMinutes(10) + (TimeSpan.FromMilliseconds(60) * options.IdleInstances), c => IdleMemory.RunAsync(options, results, c)),
    ("raw", TimeSpan.FromMinutes(10), c => AzuriteRaw.RunAsync(options, results, c)),
    ("hello", TimeSpan.FromMinutes(15), c => HelloSequence.RunAsync(options, results, c)),
    ("fanout", TimeSpan.FromMinutes(15), c => FanOut.RunAsync(options, results, c)),
    ("events", TimeSpan.FromMinutes(15), c => EventLatency.RunAsync(options, results, c)),
    ("timers", TimeSpan.FromMinutes(15), c => TimerLateness.RunAsync(options, results, c)),
};

foreach (var (name, timeout, run) in scenarios.Where(s => options.Runs(s.Name)))
{
    // Other work on the machine skews every rate here: say how busy it was.
    Console.WriteLine($"[{name}] {Environment.ProcessorCount} processors, load average {LoadAverage()}");
    using var deadline = new CancellationTokenSource(timeout);
    try
    {
        await run(deadline.Token);
    }
    catch (Exception error) when (error is InvalidOperationException or OperationCanceledException or TimeoutException or Azure.RequestFailedException)
    {
        // One broken scenario should not hide the others' figures; the run still ends with a failure code.
        results.FailedScenarios.Add(name);
        Console.Error.WriteLine($"Scenario '{name}' failed: {error}");
    }
}

var json = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
Console.WriteLine(JsonSerializer.Serialize(results, json));
return results.FailedScenarios.Count == 0 ? 0 : 1;

static string LoadAverage()
    => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + " (1, 5, 15 min)" : "unknown";
