using System.Text.Json;
using AnnualReview.Assessment.Model;
using AnnualReview.Durable;
using AnnualReview.Durable.Client;
using AnnualReview.Testing;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using static AnnualReview.Workflows.Tests.ReviewRoster;

namespace AnnualReview.Workflows.Tests.Orchestrators;

/// <summary>A redeploy in the middle of a cycle: running cells stay on the version they started with.</summary>
[Collection("azurite")]
public sealed class RedeployTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Redeploy_NewCellVersionMidCycle_RunningCellsKeepTheirVersionAndNewCyclesGetTheNewOne()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(2));
        string running = CycleInstanceIds.Unit("cycle-a", Cell);
        string later = CycleInstanceIds.Unit("cycle-b", Cell);

        await using CycleHarness first = await CycleHarness.StartAsync(azurite, Utc(12, 1, 8));
        await first.Roster.ImportAsync(OneCell(3), timeout);
        await first.Starter.StartAsync(Definition(), "cycle-a", timeout);
        await CycleHarness.WaitUntilAsync(async () => (await first.Client.GetInstanceAsync(running))?.SerializedCustomStatus?.Contains("self-review", StringComparison.Ordinal) == true, timeout);
        await first.DisposeAsync();

        await using CycleHarness second = await first.RedeployAsync(azurite, registry => registry
            .AddAssessmentWorkflows()
            .AddOrchestrator(WorkflowNames.Cell, "2", _ => new CellReviewVersion2(), isDefault: true));
        Member member = OneCell(3).Members[0];
        var sections = new Dictionary<string, string> { ["A.I"] = "Kết quả", ["A.II"] = "Hạn chế", ["A.III"] = "Khắc phục", ["A.VI"] = "Phương hướng" };
        SubmitResult submitted = await second.Commands.SubmitSelfReviewAsync("cycle-a", "QD366-2025", member, "02B", sections, RatingLevel.Good, [], member.Id, timeout);
        Assert.Empty(submitted.Errors);
        await CycleHarness.WaitUntilAsync(async () => Submitted(await second.Client.GetInstanceAsync(running)) == 1, timeout);
        await second.Starter.StartAsync(Definition(), "cycle-b", timeout);
        OrchestrationMetadata newCell = await second.Client.WaitForInstanceCompletionAsync(later, true, timeout);

        Assert.Equal("1", (await second.Client.GetInstanceAsync(running))!.Version);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await second.Client.GetInstanceAsync(running))!.RuntimeStatus);
        Assert.Equal("2", newCell.Version);
        Assert.Equal("\"version 2\"", newCell.SerializedCustomStatus);
    }

    private static int? Submitted(OrchestrationMetadata? metadata)
        => metadata?.SerializedCustomStatus is { } json ? JsonDocument.Parse(json).RootElement.GetProperty("submitted").GetInt32() : null;

    /// <summary>Stands in for a changed cell workflow shipped by the redeploy.</summary>
    private sealed class CellReviewVersion2 : TaskOrchestrator<UnitInput, CellOutcome>
    {
        public override Task<CellOutcome> RunAsync(TaskOrchestrationContext context, UnitInput input)
        {
            context.SetCustomStatus("version 2");
            return Task.FromResult(new CellOutcome(input.UnitId, [], MeetingRecorded: false, Late: false));
        }
    }
}
