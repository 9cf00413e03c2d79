using System.Text.Json;
using AnnualReview.Assessment.Model;
using AnnualReview.Testing;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using static AnnualReview.Workflows.Tests.ReviewRoster;

namespace AnnualReview.Workflows.Tests.Orchestrators;

/// <summary>
/// A redeploy in the middle of a cycle that ships a new version of the cell's workflow (registered under its
/// versioned name, the old one kept): running cells stay on the version their cycle pinned, new cycles get the new one.
/// </summary>
[Collection("azurite")]
public sealed class RedeployTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Redeploy_NewCellVersionMidCycle_RunningCellsKeepTheirVersionAndNewCyclesGetTheNewOne()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(2));
        string running = CycleInstanceIds.Unit("cycle-a", Cell);
        string later = CycleInstanceIds.Unit("cycle-b", Cell);

        CycleHarness first = await CycleHarness.StartAsync(azurite, Utc(12, 1, 8));
        await first.Roster.ImportAsync(OneCell(3), timeout);
        await first.Starter.StartAsync(Definition(), "cycle-a", timeout);
        await CycleHarness.WaitUntilAsync(async () => (await first.Client.GetInstanceAsync(running))?.SerializedCustomStatus?.Contains("self-review", StringComparison.Ordinal) == true, timeout);
        await first.DisposeAsync();

        await using CycleHarness second = await first.RedeployAsync(azurite, registry => registry
            .AddAssessmentWorkflows()
            .AddOrchestrator(WorkflowNames.Of(WorkflowNames.Cycle, "2"), () => new global::AnnualReview.Workflows.Orchestrators.CycleOrchestrator())
            .AddOrchestrator(WorkflowNames.Of(WorkflowNames.Committee, "2"), () => new global::AnnualReview.Workflows.Orchestrators.CommitteeOrchestrator())
            .AddOrchestrator(WorkflowNames.Of(WorkflowNames.Grassroots, "2"), () => new global::AnnualReview.Workflows.Orchestrators.GrassrootsOrchestrator())
            .AddOrchestrator(WorkflowNames.Of(WorkflowNames.Cell, "2"), () => new CellReviewVersion2()));
        Member member = OneCell(3).Members[0];
        var sections = new Dictionary<string, string> { ["A.I"] = "Kết quả", ["A.II"] = "Hạn chế", ["A.III"] = "Khắc phục", ["A.VI"] = "Phương hướng" };
        SubmitResult submitted = await second.Commands.SubmitSelfReviewAsync("cycle-a", "QD366-2025", member, "02B", sections, RatingLevel.Good, [], member.Id, null, timeout);
        Assert.Empty(submitted.Errors);
        await CycleHarness.WaitUntilAsync(async () => Submitted(await second.Client.GetInstanceAsync(running)) == 1, timeout);

        var starter = new CycleStarter(second.Client, new global::AnnualReview.Workflows.Storage.CycleRegistry(second.Storage), second.Clock) { WorkflowVersion = "2" };
        await starter.StartAsync(Definition(), "cycle-b", timeout);
        OrchestrationMetadata newCell = await second.Client.WaitForInstanceCompletionAsync(later, true, timeout);

        OrchestrationMetadata old = (await second.Client.GetInstanceAsync(running))!;
        Assert.Equal(WorkflowNames.Cell, old.Name);
        Assert.Equal(OrchestrationRuntimeStatus.Running, old.RuntimeStatus);
        Assert.Equal("CellReview2", newCell.Name);
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
            global::AnnualReview.Workflows.Orchestrators.SubtreeStarts.Report(context);
            return Task.FromResult(new CellOutcome(input.UnitId, [], MeetingRecorded: false, Late: false));
        }
    }
}
