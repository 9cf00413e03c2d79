using System.Diagnostics;
using System.Text.Json;
using AnnualReview.Assessment.Roster;
using AnnualReview.CycleBench;
using AnnualReview.Durable;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.Hosting;
using AnnualReview.Testing;
using AnnualReview.Workflows;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Orchestrators;
using AnnualReview.Workflows.Storage;

BenchOptions options = BenchOptions.Parse(args);
using var timeout = new CancellationTokenSource(options.Timeout);
CancellationToken cancellation = timeout.Token;

CityPlan city = CityPlan.Generate(options.Members, options.Seed);
int rated = city.People.Count(p => p.Fate != Fate.NotRated);
Console.WriteLine($"city: {options.Members} members ({rated} rated: {city.People.Count(p => p.Fate == Fate.OnTime)} on time, {city.People.Count(p => p.Fate == Fate.Late)} late, {city.People.Count(p => p.Fate == Fate.Never)} never), "
    + $"{city.Cells.Count} cells, {city.GrassrootsOrganizations.Count} grassroots organizations, {city.Committees.Count - 1} committees; clock ×{options.Factor:0}, {options.Concurrency} people at once, control queues held at {options.ControlQueueDepth}, tables in {options.TableShards} shards");
foreach (Cell empty in city.Cells.Where(c => c.FullMembers == 0))
{
    Console.Error.WriteLine($"warning: cell {empty.Unit.Id} has no full member; its meeting cannot be recorded");
}

// Fresh in-memory Azurite processes (one per service) unless told to use the emulator ANNUALREVIEW_STORAGE names.
await using AzuriteServer? sharedAzurite = options.StorageFromEnvironment ? await AzuriteServer.StartAsync(cancellation) : null;
await using SplitAzurite? ownAzurite = options.StorageFromEnvironment ? null : await SplitAzurite.StartAsync(cancellation);
string connectionString = sharedAzurite?.ConnectionString ?? ownAzurite!.ConnectionString;
string assessmentConnectionString = sharedAzurite?.ConnectionString ?? ownAzurite!.AssessmentConnectionString;
IReadOnlyList<Process> azuriteProcesses = ownAzurite?.Processes ?? [];
CallKinds.LearnPorts(connectionString);
CallKinds.LearnPorts(assessmentConnectionString);
var counter = new CallCounter();
var observerCounter = new CallCounter();
var clock = new SteerableClock(Phases.Local(12, 1, 8), options.Factor);
clock.HoldAt(Phases.Local(12, 1, 8));

var storageOptions = new AssessmentStorageOptions { ConnectionString = assessmentConnectionString, Prefix = "review", TableShards = options.TableShards };
storageOptions.Policies.Add(counter.PolicyFor("assessment"));
var storage = new AssessmentStorage(storageOptions);
var log = new EngineLog();
DurableTaskOptions EngineOptions(CallCounter calls, string source)
{
    var engineOptions = new DurableTaskOptions
    {
        TaskHubName = "cyclebench",
        StorageConnectionString = connectionString,
        PartitionCount = 4,
        MaxConcurrentOrchestrations = 32,
        MaxConcurrentActivities = 32,
        PollQueues = true,
        TimeProvider = clock,
        MaxControlQueueDepth = options.ControlQueueDepth,
        MaxWorkItemQueueDepth = 2 * options.ControlQueueDepth,
        InstanceTableCount = options.TableShards,
    };
    if (options.CachedInstances is { } cache)
    {
        engineOptions.MaxCachedInstances = cache;
    }

    engineOptions.StoragePolicies.Add(calls.PolicyFor(source));
    return engineOptions;
}

await using var engine = new DurableTaskEngine(EngineOptions(counter, "engine"), new DurableTaskRegistry().AddAssessmentWorkflows(), new Services(storage), log);
await using var watcher = new DurableTaskEngine(EngineOptions(observerCounter, "observer"), new DurableTaskRegistry());
var observer = new Observer(watcher, options.StallLimit);

var phases = new Phases(clock, counter, null);
await using var sampler = new ResourceSampler(azuriteProcesses, () =>
    $"{phases.Current} at {Phases.Show(clock.GetUtcNow())}, {counter.Snapshot().Where(c => !CallCounter.IsEmptyPoll(c.Key.Kind)).Sum(c => c.Value.Count)} calls, queues {observer.Depths}, cached {engine.Worker.CachedInstanceCount}, {counter.InFlight()}");
phases.Sampler = sampler;
phases.Begin("import");
var importTime = Stopwatch.StartNew();
RosterImportReport import = await new RosterService(storage, clock).ImportAsync(new RosterImportResult(true, city.Roster.Units, city.Roster.Members, []), cancellation);
double importSeconds = importTime.Elapsed.TotalSeconds;
if (!import.Imported)
{
    Console.Error.WriteLine("roster refused: " + string.Join("; ", import.Errors.Take(5)));
    return 1;
}

Console.WriteLine($"roster imported in {importSeconds:0.0} s ({counter.Snapshot().Where(c => c.Key.Phase == "import").Sum(c => c.Value.Count)} storage calls)");
phases.Begin("setup");
await engine.Worker.StartAsync(cancellation);

var acts = new PeopleActs(CycleDriver.CycleId, new ReviewCommands(engine.Client, storage, clock), observer, options.Attachments);
var crowd = new Crowd(clock, observer, options.Concurrency, options.MaxQueueDepth);
var driver = new CycleDriver(city, clock, phases, observer, crowd, acts, new CycleStarter(engine.Client), options.Seed);

var wall = Stopwatch.StartNew();
OrchestrationMetadata? cycle = null;
string? failure = null;
try
{
    cycle = await driver.RunAsync(cancellation);
}
catch (StalledException stalled)
{
    failure = stalled.Message;
    await Diagnostics.DescribeAsync(observer, stalled.Pending, CancellationToken.None);
}
catch (OperationCanceledException) when (timeout.IsCancellationRequested)
{
    failure = $"timed out after {options.Timeout.TotalMinutes:0} minutes in phase {phases.Current}";
}

double wallSeconds = wall.Elapsed.TotalSeconds;
phases.End();
await engine.Worker.StopAsync(CancellationToken.None);
bool completed = cycle?.RuntimeStatus == OrchestrationRuntimeStatus.Completed;
if (!completed)
{
    failure ??= $"the cycle ended {cycle?.RuntimeStatus}: {cycle?.FailureDetails?.ErrorMessage}";
    Console.Error.WriteLine("FAILED: " + failure);
    await Diagnostics.DescribeFailedAsync(observer, CancellationToken.None);
}

var report = new Report(options.Members, counter.Snapshot(), phases.Done);
report.Print(Console.Out);
CycleOutcome? outcome = completed ? cycle!.ReadOutputAs<CycleOutcome>() : null;
int deadLetters = (await engine.Worker.GetDeadLettersAsync(cancellation: CancellationToken.None)).Count;
Console.WriteLine();
Console.WriteLine($"cycle {(completed ? "completed" : "did NOT complete")} in {wallSeconds:0.0} s wall; simulated {Phases.Show(Phases.Local(12, 1, 8))} → {Phases.Show(clock.GetUtcNow())}");
Console.WriteLine($"storage calls: {report.Total} in all, {report.Useful} excluding empty polls = {report.PerMember:0.00} per member-cycle (target < 60); import {report.ImportCalls} more");
Console.WriteLine($"peak memory: bench working set {sampler.PeakWorkingSetMb:0} MB, managed heap {sampler.PeakManagedHeapMb:0} MB; Azurite {sampler.AzuritePeakWorkingSetMb:0} MB; deepest queues {observer.MaxDepth}; engine warnings {log.Count}; dead letters {deadLetters}; people's failed commands {crowd.Failures}");
Console.WriteLine("events the cells did not apply, done again by the people: " + (driver.Repeated.Count == 0 ? "none" : string.Join(", ", driver.Repeated.Select(r => $"{r.Key} {r.Value}"))));
Console.WriteLine($"quota: {acts.QuotaFixes.RefusedOnce} grassroots organizations refused once, {acts.QuotaFixes.Moved} members moved to Good, {acts.QuotaFixes.NotFinalized} not finalized");
if (outcome is not null)
{
    Console.WriteLine("final levels: " + string.Join(", ", outcome.Root.MemberLevels.Select(l => $"{l.Key} {l.Value}")) + $"; not submitted {outcome.Root.NotSubmitted}; not rated {outcome.Root.NotRated}; late units {outcome.Root.LateUnits}");
}

var figures = new Dictionary<string, object?>
{
    ["members"] = options.Members,
    ["completed"] = completed,
    ["wallSeconds"] = Math.Round(wallSeconds, 1),
    ["storageCallsPerMember"] = Math.Round(report.PerMember, 2),
    ["peakMemoryMb"] = Math.Round(sampler.PeakWorkingSetMb),
    ["peakManagedHeapMb"] = Math.Round(sampler.PeakManagedHeapMb),
    ["azuritePeakMemoryMb"] = Math.Round(sampler.AzuritePeakWorkingSetMb),
    ["importSeconds"] = Math.Round(importSeconds, 1),
    ["importCalls"] = report.ImportCalls,
    ["totalCalls"] = report.Total,
    ["callsExcludingEmptyPolls"] = report.Useful,
    ["emptyPolls"] = report.EmptyPolls,
    ["callsByKind"] = report.ByKind(),
    ["callsByPhase"] = report.ByPhase(),
    ["callsBySource"] = report.BySource(),
    ["phaseSeconds"] = phases.Done.ToDictionary(p => p.Name, p => Math.Round(p.RealSeconds, 1)),
    ["observerCalls"] = observerCounter.Snapshot().Sum(c => c.Value.Count),
    ["maxQueueDepth"] = observer.MaxDepth,
    ["deadLetters"] = deadLetters,
    ["engineWarnings"] = log.Count,
    ["failedCommands"] = crowd.Failures,
    ["quotaRefusedOnce"] = acts.QuotaFixes.RefusedOnce,
    ["eventsRepeated"] = driver.Repeated,
    ["factor"] = options.Factor,
    ["failure"] = failure,
};
Console.WriteLine(JsonSerializer.Serialize(figures));
return completed ? 0 : 1;
