using System.Diagnostics;
using System.Text.Json;
using AnnualReview.Assessment.Roster;
using AnnualReview.CycleBench;
using AnnualReview.TaskHub;
using AnnualReview.TaskHub.History;
using AnnualReview.TaskHub.Sealing;
using AnnualReview.TaskHub.Status;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Orchestrators;
using AnnualReview.Workflows.Storage;
using AnnualReview.Workflows.Timing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

BenchOptions options = BenchOptions.Parse(args);
using var timeout = new CancellationTokenSource(options.Timeout);
CancellationToken cancellation = timeout.Token;
TaskHubSettings taskHub = options.TaskHub();

CityPlan city = CityPlan.Generate(options.Members, options.Seed);
int rated = city.People.Count(p => p.Fate != Fate.NotRated);
int plannedNever = city.People.Count(p => p.Fate == Fate.Never);
Console.WriteLine($"city: {options.Members} members ({rated} rated: {city.People.Count(p => p.Fate == Fate.OnTime)} on time, {city.People.Count(p => p.Fate == Fate.Late)} late, {plannedNever} never), "
    + $"{city.Cells.Count} cells, {city.GrassrootsOrganizations.Count} grassroots organizations, {city.Committees.Count - 1} committees; clock ×{options.Factor:0}, {options.Concurrency} people at once, "
    + $"assessment tables in {options.TableShards} shards; task hub: {taskHub.PartitionCount} partitions, polling at most every {taskHub.MaxQueuePollingInterval.TotalMilliseconds:0} ms, extended sessions {(taskHub.ExtendedSessionsEnabled ? "on" : "off")}");
foreach (Cell empty in city.Cells.Where(c => c.FullMembers == 0))
{
    Console.Error.WriteLine($"warning: cell {empty.Unit.Id} has no full member; its meeting cannot be recorded");
}

await using SplitAzurite azurite = await SplitAzurite.StartAsync(cancellation);
CallKinds.LearnPorts(azurite.ConnectionString);
CallKinds.LearnPorts(azurite.AssessmentConnectionString);
var counter = new CallCounter();
var observerCounter = new CallCounter();

var storageOptions = new AssessmentStorageOptions { ConnectionString = azurite.AssessmentConnectionString, Prefix = "review", TableShards = options.TableShards };
storageOptions.Policies.Add(counter.PolicyFor("assessment"));
var storage = new AssessmentStorage(storageOptions);

counter.Phase = "import";
var importTime = Stopwatch.StartNew();

// An import of a validated roster takes it as it is: the clock only dates CSV and JSON files, so the real one will do.
RosterImportReport import = await new RosterService(storage, TimeProvider.System).ImportAsync(new RosterImportResult(true, city.Roster.Units, city.Roster.Members, []), cancellation);
double importSeconds = importTime.Elapsed.TotalSeconds;
if (!import.Imported)
{
    Console.Error.WriteLine("roster refused: " + string.Join("; ", import.Errors.Take(5)));
    return 1;
}

Console.WriteLine($"roster imported in {importSeconds:0.0} s ({counter.Snapshot().Where(c => c.Key.Phase == "import").Sum(c => c.Value.Count)} storage calls)");

// The cycle's clock starts after the import, at 1 Dec 08:00, and from then on runs at the factor whatever happens:
// the engine's timers fire on real time, so the calendar cannot wait for the engine or the people.
var clock = new ScaledTimeProvider(new CycleClock(Phases.Local(12, 1, 8).UtcDateTime, DateTime.UtcNow, options.Factor));
var phases = new Phases(clock, counter);
phases.Begin("setup");
var log = new EngineLog();
var connection = TaskHubConnection.FromConnectionString(azurite.ConnectionString);
await using EngineHost engine = EngineHost.Build(taskHub, connection with { Policies = [counter.PolicyFor("engine")] }, storage, clock, log);
await using EngineHost watcher = EngineHost.Build(taskHub, connection with { Policies = [observerCounter.PolicyFor("observer")] }, storage, clock, null);
await using var observer = new Observer(watcher.Client, watcher.Services.GetRequiredService<TaskHubStorage>(), watcher.Services.GetRequiredService<HistoryReader>(), options.StallLimit);
HistorySealer sealer = engine.Services.GetRequiredService<HistorySealer>();
await using var sampler = new ResourceSampler(azurite.Processes, () =>
    $"{phases.Current} at {Phases.Show(clock.GetUtcNow())}, {counter.Snapshot().Where(c => !CallCounter.IsEmptyPoll(c.Key.Kind)).Sum(c => c.Value.Count)} calls, queues {observer.Depths}, {sealer.MarkedCount} to seal, {counter.InFlight()}");
phases.Sampler = sampler;
await engine.StartAsync(cancellation);
observer.StartSampling();

var wait = new ScaledClockWait(clock);
var crowd = new Crowd(wait, phases, options.Concurrency);
var registry = new CycleRegistry(storage);
if (options.LastYear)
{
    await registry.AddAsync(CycleDriver.LastYear(city), cancellation);
}

RemedyCounter? remedies = options.RemedyCount ? new RemedyCounter(registry, new CarriedShortcomings(new SubmissionStore(storage), new ReadModelStore(storage), registry)) : null;
var acts = new PeopleActs(CycleDriver.CycleId, new ReviewCommands(engine.Client, storage, clock, remedies: remedies), observer, options.Attachments);
var driver = new CycleDriver(city, wait, phases, observer, crowd, acts, new CycleStarter(engine.Client, registry, clock), options.Seed);

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
await engine.StopAsync();
bool completed = cycle?.RuntimeStatus == OrchestrationRuntimeStatus.Completed;
if (!completed)
{
    failure ??= $"the cycle ended {cycle?.RuntimeStatus}: {cycle?.FailureDetails?.ErrorMessage}";
    Console.Error.WriteLine("FAILED: " + failure);
    await Diagnostics.DescribeFailedAsync(observer, CancellationToken.None);
}

var report = new Report(options.Members, counter.Snapshot(), phases.Done);
report.Print(Console.Out);
CycleOutcome? outcome = completed
    ? (await observer.Client.GetInstanceAsync(CycleDriver.CycleId, getInputsAndOutputs: true, CancellationToken.None))?.ReadOutputAs<CycleOutcome>()
    : null;
RetriedMessages retried = engine.Services.GetRequiredService<RetriedMessages>();
Console.WriteLine();
Console.WriteLine($"cycle {(completed ? "completed" : "did NOT complete")} in {wallSeconds:0.0} s wall; simulated {Phases.Show(Phases.Local(12, 1, 8))} → {Phases.Show(clock.GetUtcNow())}");
Console.WriteLine($"storage calls: {report.Total} in all, {report.Useful} excluding empty polls = {report.PerMember:0.00} per member-cycle; import {report.ImportCalls} more");
Console.WriteLine($"peak memory: bench working set {sampler.PeakWorkingSetMb:0} MB, managed heap {sampler.PeakManagedHeapMb:0} MB; Azurite {sampler.AzuritePeakWorkingSetMb:0} MB; deepest queues {observer.MaxControlDepth} in control queues (pending timers included), {observer.MaxWorkItemDepth} work items");
Console.WriteLine($"engine warnings {log.Count} ({string.Join(", ", log.ByEvent.Select(e => $"{e.Key} {e.Value}"))}); messages put back {retried.Current.Count}, poison {retried.PoisonCount}; people's failed commands {crowd.Failures}");
Console.WriteLine("behind the calendar: " + (report.Behind() is { Count: > 0 } behind ? string.Join(", ", behind) : "never"));
Console.WriteLine("events the cells did not apply, done again by the people: " + (driver.Repeated.Count == 0 ? "none" : string.Join(", ", driver.Repeated.Select(r => $"{r.Key} {r.Value}"))));
Console.WriteLine($"quota: {acts.QuotaFixes.RefusedOnce} grassroots organizations refused once, {acts.QuotaFixes.Moved} members moved to Good, {acts.QuotaFixes.NotFinalized} not finalized");
if (outcome is not null)
{
    Console.WriteLine("final levels: " + string.Join(", ", outcome.Root.MemberLevels.Select(l => $"{l.Key} {l.Value}")) + $"; not submitted {outcome.Root.NotSubmitted} (planned {plannedNever}); not rated {outcome.Root.NotRated}; late units {outcome.Root.LateUnits}");
}

// A cycle that completed is still no figure when the engine fell behind the calendar or a member's work went missing.
if (completed && failure is null)
{
    failure = report.Behind() is { Count: > 0 } late
        ? $"the engine fell behind the calendar in {string.Join(", ", late)}: run with a lower --factor"
        : outcome?.Root.NotSubmitted != plannedNever ? $"{outcome?.Root.NotSubmitted} members closed as not submitted, {plannedNever} planned" : null;
    if (failure is not null)
    {
        Console.Error.WriteLine("NOT A CLEAN CYCLE: " + failure);
    }
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
    ["phaseMarginHours"] = report.MarginHours(),
    ["actLagHours"] = report.ActLagHours(),
    ["behind"] = report.Behind(),
    ["observerCalls"] = observerCounter.Snapshot().Sum(c => c.Value.Count),
    ["maxControlQueueDepth"] = observer.MaxControlDepth,
    ["maxWorkItemQueueDepth"] = observer.MaxWorkItemDepth,
    ["retriedMessages"] = retried.Current.Count,
    ["poisonMessages"] = retried.PoisonCount,
    ["engineWarnings"] = log.Count,
    ["engineWarningsByEvent"] = log.ByEvent,
    ["failedCommands"] = crowd.Failures,
    ["quotaRefusedOnce"] = acts.QuotaFixes.RefusedOnce,
    ["eventsRepeated"] = driver.Repeated,
    ["notSubmitted"] = outcome?.Root.NotSubmitted,
    ["plannedNeverSubmitted"] = plannedNever,
    ["factor"] = options.Factor,
    ["partitions"] = taskHub.PartitionCount,
    ["maxPollingMs"] = taskHub.MaxQueuePollingInterval.TotalMilliseconds,
    ["extendedSessions"] = taskHub.ExtendedSessionsEnabled,
    ["failure"] = failure,
};
Console.WriteLine(JsonSerializer.Serialize(figures));
return failure is null ? 0 : 1;
