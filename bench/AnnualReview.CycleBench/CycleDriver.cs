using System.Text.Json;
using AnnualReview.Assessment.Cycle;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Deadlines;
using Microsoft.DurableTask.Client;
using static AnnualReview.CycleBench.Phases;

namespace AnnualReview.CycleBench;

/// <summary>
/// Runs one cycle from start to the cycle's completion, phase by phase, on a clock that runs at a fixed factor and
/// waits for nobody: the people act inside each phase's window, the bench waits until the engine shows their acts
/// applied and notes how long before the moment that needed them it got there, and deadlines (reminders,
/// escalations, closes) fire on the calendar in between.
/// </summary>
internal sealed class CycleDriver(CityPlan city, ScaledClockWait clock, Phases phases, Observer observer, Crowd crowd, PeopleActs acts, CycleStarter starter, int seed)
{
    public const string CycleId = "cycle-2025-bench";

    /// <summary>How long the engine gets to show an act applied before the people look and do it again.</summary>
    private static readonly TimeSpan RepairGrace = TimeSpan.FromSeconds(30);

    public static CycleDefinition Definition(string rootId) => new(
        CityPlan.Year,
        rootId,
        CityPlan.RuleSetId,
        new StepDueDates(new DateOnly(2025, 12, 10), new DateOnly(2025, 12, 18), new DateOnly(2025, 12, 26), new DateOnly(2025, 12, 31), new DateOnly(2026, 2, 1)),
        new DateOnly(2026, 2, 1));

    /// <summary>A cycle of the year before on the same city, as the registry keeps it; nobody's review is in it.</summary>
    public static CycleInput LastYear(CityPlan city)
    {
        ArgumentNullException.ThrowIfNull(city);
        var plan = new StepPlan("SelfReview", new DateTime(CityPlan.Year - 1, 12, 10, 0, 0, 0, DateTimeKind.Utc), []);
        return new CycleInput($"cycle-{CityPlan.Year - 1}-bench", CityPlan.Year - 1, city.Root.Id, CityPlan.RuleSetId, "Asia/Ho_Chi_Minh", new CyclePlans(plan, plan, plan, plan));
    }

    private static string Id(string unitId) => CycleInstanceIds.Unit(CycleId, unitId);

    /// <summary>Events the engine recorded but the cell did not apply, by kind (the people repeated them).</summary>
    public Dictionary<string, int> Repeated { get; } = new(StringComparer.Ordinal);

    public async Task<OrchestrationMetadata> RunAsync(CancellationToken cancellation)
    {
        var random = new Random(seed + 2);
        var cells = city.Cells;

        phases.Begin("start");
        using (CallCounter.Command())
        {
            CycleStartResult started = await starter.StartAsync(Definition(city.Root.Id), CycleId, cancellation);
            if (!started.Started)
            {
                throw new InvalidOperationException("The cycle was refused: " + string.Join("; ", started.Errors));
            }
        }

        await observer.WaitForAllAsync("cells in self-review", cells.Select(c => Id(c.Unit.Id)), (_, s) => Stage(s) is "self-review" or "meeting", cancellation);
        phases.Applied("every cell in self-review", Local(12, 2, 8));

        phases.Begin("self-review");
        await crowd.RunAsync(city.People.Where(p => p.Fate == Fate.OnTime).Select(p => acts.Submit(p, Between(random, Local(12, 2, 8), Local(12, 8, 22))))
            .Concat(cells.Select(c => acts.Collective(c, Between(random, Local(12, 2, 8), Local(12, 8, 22))))), cancellation);
        await RepairAsync("collective review", cells, (_, s) => Count(s, "collectiveVersions") >= 1, acts.Collective, cancellation);
        Func<OrchestrationMetadata?, JsonElement?, bool> onTime = Expect(cells, c => c.People.Count(p => p.Fate == Fate.OnTime), "submitted");
        await observer.WaitForAllAsync("on-time submissions and collective reviews applied", cells.Select(c => Id(c.Unit.Id)),
            (m, s) => onTime(m, s) && Count(s, "collectiveVersions") >= 1, cancellation);
        phases.Applied("on-time submissions applied", Local(12, 9, 8));

        // Nobody acts: the reminders of 9 and 10 Dec and the self-review's due time at the end of 10 Dec fire.
        phases.Begin("reminders");
        await clock.UntilAsync(Local(12, 11, 0), cancellation);

        phases.Begin("late");
        await crowd.RunAsync(city.People.Where(p => p.Fate == Fate.Late).Select(p => acts.Submit(p, Between(random, Local(12, 11, 8), Local(12, 14, 20)))), cancellation);
        await observer.WaitForAllAsync("late submissions applied", cells.Select(c => Id(c.Unit.Id)),
            Expect(cells, c => PeopleActs.Tallied(c), "submitted"), cancellation);
        phases.Applied("late submissions applied", Local(12, 15, 8));

        phases.Begin("meeting");
        await crowd.RunAsync(cells.Select(c => acts.Open(c, Between(random, Local(12, 16, 8), Local(12, 16, 20)))), cancellation);
        await RepairAsync("meeting opened", cells, (_, s) => s?.GetProperty("meetingOpen").GetBoolean() == true, acts.Open, cancellation);
        await observer.WaitForAllAsync("meetings opened", cells.Select(c => Id(c.Unit.Id)), (_, s) => s?.GetProperty("meetingOpen").GetBoolean() == true, cancellation);
        phases.Applied("meetings opened", Local(12, 17, 8));
        List<Cell> meeting = [.. cells.Where(c => c.FullMembers > 0)];
        await crowd.RunAsync(meeting.Select(c => acts.Record(c, Between(random, Local(12, 17, 8), Local(12, 17, 20)), random)), cancellation);
        await RepairAsync("meeting recorded", meeting, (c, s) => Count(s, "proposed") == PeopleActs.Tallied(c), (c, at) => acts.Record(c, at, random), cancellation);
        await observer.WaitForAllAsync("meetings recorded", meeting.Select(c => Id(c.Unit.Id)), Expect(cells, c => PeopleActs.Tallied(c), "proposed"), cancellation);
        phases.Applied("meetings recorded", Local(12, 19, 0));

        // The end of 18 Dec closes the self-review of those who never submitted; the cells report up.
        phases.Begin("cells-close");
        await clock.UntilAsync(Local(12, 19, 0), cancellation);
        await observer.WaitForAllAsync("grassroots in appraisal", city.GrassrootsOrganizations.Select(g => Id(g.Unit.Id)), (_, s) => Stage(s) == "appraisal", cancellation);
        phases.Applied("every grassroots organization in appraisal", Local(12, 20, 8));

        phases.Begin("appraisal");
        await crowd.RunAsync(city.GrassrootsOrganizations.Select(g => acts.Appraise(g, Between(random, Local(12, 20, 8), Local(12, 22, 20)))), cancellation);
        await observer.WaitForAllAsync("grassroots decided", city.GrassrootsOrganizations.Select(g => Id(g.Unit.Id)), Completed, cancellation);
        phases.Applied("every grassroots organization decided", Local(12, 27, 0));

        // A committee with no organization below it (a small city has some) has nothing to rate and completes at once.
        phases.Begin("committees");
        var committees = city.Committees.Where(c => c.Unit.Id != city.Root.Id && c.Children.Count > 0).ToList();
        await observer.WaitForAllAsync("committees rating", committees.Select(c => Id(c.Unit.Id)), (_, s) => Stage(s) == "rating-organizations", cancellation);
        phases.Applied("every committee rating", Local(12, 28, 9));
        await crowd.RunAsync(committees.Select(c => acts.Rate(c, Between(random, Local(12, 28, 9), Local(12, 29, 20)))), cancellation);
        await observer.WaitForAllAsync("committees decided", committees.Select(c => Id(c.Unit.Id)), Completed, cancellation);
        phases.Applied("every committee decided", Local(1, 1, 0));

        phases.Begin("board");
        Committee board = city.Committees.Single(c => c.Unit.Id == city.Root.Id);
        await observer.WaitForAllAsync("board rating", [Id(board.Unit.Id)], (_, s) => Stage(s) == "rating-organizations", cancellation);
        await crowd.RunAsync([acts.Rate(board, Local(12, 30, 9))], cancellation);
        OrchestrationMetadata? cycle;
        do
        {
            await Task.Delay(250, cancellation);
            cycle = (await observer.StatusAsync(CycleId, cancellation)).Metadata;
        }
        while (cycle is null || !cycle.IsCompleted);

        phases.Applied("the cycle completed", Local(1, 1, 0));
        phases.End();
        return cycle;
    }

    /// <summary>
    /// Gives the engine a while to show an act applied, then finds the cells whose status still does not and has their
    /// secretary do it again, as a person would after looking at the cell's page.
    /// </summary>
    private async Task RepairAsync(string what, IReadOnlyList<Cell> targets, Func<Cell, JsonElement?, bool> applied, Func<Cell, DateTimeOffset, Act> again, CancellationToken cancellation)
    {
        var byInstance = targets.ToDictionary(c => Id(c.Unit.Id), StringComparer.Ordinal);
        IReadOnlyList<string> missing = await observer.PendingAfterAsync(byInstance.Keys, (m, s) => m is not null && applied(byInstance[m.InstanceId], s), RepairGrace, cancellation);
        if (missing.Count > 0)
        {
            Repeated[what] = Repeated.GetValueOrDefault(what) + missing.Count;
            Console.Error.WriteLine($"{what}: not applied in {missing.Count} cell(s) after {RepairGrace.TotalSeconds:0} s, e.g. {string.Join(", ", missing.Take(3))}; the secretaries do it again");
            await crowd.RunAsync(missing.Select(id => again(byInstance[id], clock.Now)), cancellation);
        }
    }

    private static DateTimeOffset Between(Random random, DateTimeOffset from, DateTimeOffset to)
        => from + TimeSpan.FromSeconds(random.NextDouble() * (to - from).TotalSeconds);

    private static string? Stage(JsonElement? status)
        => status is { } s && s.TryGetProperty("stage", out JsonElement stage) ? stage.GetString() : null;

    private static int Count(JsonElement? status, string name)
        => status is { } s && s.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : -1;

    private static bool Completed(OrchestrationMetadata? metadata, JsonElement? status) => metadata?.RuntimeStatus == OrchestrationRuntimeStatus.Completed;

    private static Func<OrchestrationMetadata?, JsonElement?, bool> Expect(IReadOnlyList<Cell> cells, Func<Cell, int> expected, string property)
    {
        var byInstance = cells.ToDictionary(c => Id(c.Unit.Id), expected, StringComparer.Ordinal);
        return (metadata, status) => metadata is not null && Count(status, property) == byInstance[metadata.InstanceId];
    }
}
