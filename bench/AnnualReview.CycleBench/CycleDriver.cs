using System.Text.Json;
using AnnualReview.Assessment.Cycle;
using AnnualReview.Durable.Client;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using static AnnualReview.CycleBench.Phases;

namespace AnnualReview.CycleBench;

/// <summary>
/// Runs one cycle from start to the cycle's completion, phase by phase: the people act inside each phase's
/// window, the clock is held at the window's end until the engine shows their acts applied, then jumps (or
/// runs) through the deadline moments in between so reminders, escalations and closes really fire.
/// </summary>
internal sealed class CycleDriver(CityPlan city, SteerableClock clock, Phases phases, Observer observer, Crowd crowd, PeopleActs acts, CycleStarter starter, int seed)
{
    public const string CycleId = "cycle-2025-bench";

    public static CycleDefinition Definition(string rootId) => new(
        CityPlan.Year,
        rootId,
        CityPlan.RuleSetId,
        new StepDueDates(new DateOnly(2025, 12, 10), new DateOnly(2025, 12, 18), new DateOnly(2025, 12, 26), new DateOnly(2025, 12, 31), new DateOnly(2026, 2, 1)),
        new DateOnly(2026, 2, 1));

    private static string Id(string unitId) => CycleInstanceIds.Unit(CycleId, unitId);

    public async Task<OrchestrationMetadata> RunAsync(CancellationToken cancellation)
    {
        var random = new Random(seed + 2);
        var cells = city.Cells;

        phases.Begin("start");
        clock.HoldAt(Local(12, 2, 7));
        using (CallCounter.Command())
        {
            CycleStartResult started = await starter.StartAsync(Definition(city.Root.Id), CycleId, cancellation);
            if (!started.Started)
            {
                throw new InvalidOperationException("The cycle was refused: " + string.Join("; ", started.Errors));
            }
        }

        await observer.WaitForAllAsync("cells in self-review", cells.Select(c => Id(c.Unit.Id)), (_, s) => Stage(s) is "self-review" or "meeting", cancellation);

        phases.Begin("self-review");
        clock.HoldAt(Local(12, 8, 23));
        await crowd.RunAsync(city.People.Where(p => p.Fate == Fate.OnTime).Select(p => acts.Submit(p, Between(random, Local(12, 2, 8), Local(12, 8, 22))))
            .Concat(cells.Select(c => acts.Collective(c, Between(random, Local(12, 2, 8), Local(12, 8, 22))))), cancellation);
        await RepairAsync("collective review", cells, (_, s) => Count(s, "collectiveVersions") >= 1, c => acts.Collective(c, clock.GetUtcNow()), cancellation);
        Func<OrchestrationMetadata?, JsonElement?, bool> onTime = Expect(cells, c => c.People.Count(p => p.Fate == Fate.OnTime), "submitted");
        await observer.WaitForAllAsync("on-time submissions and collective reviews applied", cells.Select(c => Id(c.Unit.Id)),
            (m, s) => onTime(m, s) && Count(s, "collectiveVersions") >= 1, cancellation);

        phases.Begin("reminders");
        await PassAsync(Local(12, 9, 8), cancellation);
        await PassAsync(Local(12, 10, 8), cancellation);
        await PassAsync(Local(12, 11, 0), cancellation);

        phases.Begin("late");
        clock.HoldAt(Local(12, 15, 7));
        await crowd.RunAsync(city.People.Where(p => p.Fate == Fate.Late).Select(p => acts.Submit(p, Between(random, Local(12, 11, 8), Local(12, 14, 20)))), cancellation);
        await observer.WaitForAllAsync("late submissions applied", cells.Select(c => Id(c.Unit.Id)),
            Expect(cells, c => PeopleActs.Tallied(c), "submitted"), cancellation);
        await PassAsync(Local(12, 15, 8), cancellation);

        phases.Begin("meeting");
        clock.HoldAt(Local(12, 16, 22));
        await crowd.RunAsync(cells.Select(c => acts.Open(c, Between(random, Local(12, 16, 8), Local(12, 16, 20)))), cancellation);
        await RepairAsync("meeting opened", cells, (_, s) => s?.GetProperty("meetingOpen").GetBoolean() == true, c => acts.Open(c, clock.GetUtcNow()), cancellation);
        await observer.WaitForAllAsync("meetings opened", cells.Select(c => Id(c.Unit.Id)), (_, s) => s?.GetProperty("meetingOpen").GetBoolean() == true, cancellation);
        clock.HoldAt(Local(12, 17, 22));
        await crowd.RunAsync(cells.Where(c => c.FullMembers > 0).Select(c => acts.Record(c, Between(random, Local(12, 17, 8), Local(12, 17, 20)), random)), cancellation);
        await RepairAsync("meeting recorded", [.. cells.Where(c => c.FullMembers > 0)], (c, s) => Count(s, "proposed") == PeopleActs.Tallied(c),
            c => acts.Record(c, clock.GetUtcNow(), random), cancellation);
        await observer.WaitForAllAsync("meetings recorded", cells.Where(c => c.FullMembers > 0).Select(c => Id(c.Unit.Id)),
            Expect(cells, c => PeopleActs.Tallied(c), "proposed"), cancellation);

        phases.Begin("cells-close");
        await PassAsync(Local(12, 18, 8), cancellation);
        await PassAsync(Local(12, 19, 0), cancellation);
        await observer.WaitForAllAsync("grassroots in appraisal", city.GrassrootsOrganizations.Select(g => Id(g.Unit.Id)), (_, s) => Stage(s) == "appraisal", cancellation);

        phases.Begin("appraisal");
        clock.HoldAt(Local(12, 22, 23));
        await crowd.RunAsync(city.GrassrootsOrganizations.Select(g => acts.Appraise(g, Between(random, Local(12, 20, 8), Local(12, 22, 20)))), cancellation);
        await observer.WaitForAllAsync("grassroots decided", city.GrassrootsOrganizations.Select(g => Id(g.Unit.Id)), Completed, cancellation);

        phases.Begin("committees");
        clock.HoldAt(Local(12, 29, 23));
        clock.JumpTo(Local(12, 28, 9));
        var committees = city.Committees.Where(c => c.Unit.Id != city.Root.Id).ToList();
        await observer.WaitForAllAsync("committees rating", committees.Select(c => Id(c.Unit.Id)), (_, s) => Stage(s) == "rating-organizations", cancellation);
        await crowd.RunAsync(committees.Select(c => acts.Rate(c, Between(random, Local(12, 28, 9), Local(12, 29, 20)))), cancellation);
        await observer.WaitForAllAsync("committees decided", committees.Select(c => Id(c.Unit.Id)), Completed, cancellation);

        phases.Begin("board");
        clock.HoldAt(Local(12, 31, 7));
        clock.JumpTo(Local(12, 30, 9));
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

        phases.End();
        return cycle;
    }

    /// <summary>Events the engine recorded but the cell did not apply, by kind (the people repeated them).</summary>
    public Dictionary<string, int> Repeated { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Once the engine has caught up, finds the cells whose status does not show an act as applied and has their
    /// secretary do it again, as a person would after looking at the cell's page.
    /// </summary>
    private async Task RepairAsync(string what, IReadOnlyList<Cell> targets, Func<Cell, JsonElement?, bool> applied, Func<Cell, Act> again, CancellationToken cancellation)
    {
        await observer.SettleAsync(TimeSpan.FromSeconds(1), cancellation);
        var missing = new System.Collections.Concurrent.ConcurrentBag<Cell>();
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellation }, async (cell, c) =>
        {
            (_, JsonElement? status) = await observer.StatusAsync(Id(cell.Unit.Id), c);
            if (!applied(cell, status))
            {
                missing.Add(cell);
            }
        });
        if (!missing.IsEmpty)
        {
            Repeated[what] = Repeated.GetValueOrDefault(what) + missing.Count;
            Console.Error.WriteLine($"{what}: not applied in {missing.Count} cell(s), e.g. {string.Join(", ", missing.Take(3).Select(c => Id(c.Unit.Id)))}; the secretaries do it again");
            await crowd.RunAsync(missing.Select(again), cancellation);
        }
    }

    /// <summary>Jumps to just before a deadline moment, lets the clock run through it and waits until the engine has acted on it.</summary>
    private async Task PassAsync(DateTimeOffset moment, CancellationToken cancellation)
    {
        clock.HoldAt(moment + TimeSpan.FromMinutes(2));
        clock.JumpTo(moment - TimeSpan.FromMinutes(1));
        while (clock.GetUtcNow() <= moment + TimeSpan.FromMinutes(1))
        {
            await Task.Delay(50, cancellation);
        }

        await observer.SettleAsync(TimeSpan.FromSeconds(1), cancellation);
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
