using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;
using AnnualReview.TaskHub.History;
using AnnualReview.Testing;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Orchestrators;
using Microsoft.Extensions.DependencyInjection;
using static AnnualReview.Workflows.Tests.ReviewRoster;

namespace AnnualReview.Workflows.Tests.Orchestrators;

/// <summary>A grassroots organization with many cells starts them a few at a time, each counted until it reports its start.</summary>
[Collection("azurite")]
public sealed class BoundedFanOutTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int CellCount = 20;

    [Fact]
    public async Task ManyCells_AtMostEightStartingAtOnce_AndEveryOneStarts()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(2));
        await using CycleHarness h = await CycleHarness.StartAsync(azurite, Utc(12, 1, 8), output: output);
        Assert.True((await h.Roster.ImportAsync(ManyCells(), timeout)).Imported);
        await h.Starter.StartAsync(Definition(), "cycle-fan", timeout);
        string grassroots = CycleInstanceIds.Unit("cycle-fan", Grassroots);
        var reader = h.Engine.Services.GetRequiredService<HistoryReader>();

        List<HistoryRecord> history = [];
        await CycleHarness.WaitUntilAsync(async () =>
        {
            history = await reader.ReadAsync(grassroots, 0, timeout);
            return history.Count(e => e.EventType == "EventRaised" && e.Name == EventNames.SubtreeStarted) == CellCount;
        }, timeout);

        // Walk the history in order: a cell is starting from its creation until its report.
        var starting = new HashSet<string>(StringComparer.Ordinal);
        int most = 0;
        foreach (HistoryRecord e in history)
        {
            if (e.EventType == "SubOrchestrationInstanceCreated")
            {
                starting.Add(e.RelatedInstanceId!);
                most = Math.Max(most, starting.Count);
            }
            else if (e.EventType == "EventRaised" && e.Name == EventNames.SubtreeStarted)
            {
                starting.Remove(e.Payload!.Trim('"'));
            }
        }

        Assert.Equal(CellCount, history.Count(e => e.EventType == "SubOrchestrationInstanceCreated"));
        Assert.Equal(SubtreeStarts.MaxStarting, most);
        Assert.Empty(starting);
    }

    private static RosterImportResult ManyCells()
    {
        RosterImportResult one = OneCell(1);
        var cells = Enumerable.Range(1, CellCount).Select(i => new Unit($"{Grassroots}-c{i:D2}", $"Chi bộ {i}", UnitKind.Cell, Grassroots)).ToList();
        var members = cells.Select((c, i) => new Member($"f{i + 1:D2}", $"Đảng viên {i + 1}", c.Id, MembershipKind.Full, new DateOnly(2015, 3, 1))).ToList();
        return one with { Units = [.. one.Units.Where(u => u.Kind != UnitKind.Cell), .. cells], Members = members };
    }
}
