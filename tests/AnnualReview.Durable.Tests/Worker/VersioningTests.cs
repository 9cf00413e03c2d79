using System.Collections.Concurrent;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.Hosting;
using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests.Worker;

[Collection("azurite")]
public sealed class VersioningTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task RaiseEventAsync_AfterRedeploysThatAddAndThenDropVersionOne_KeepsInstancesOnTheirVersionOrStopsThemVisibly()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(45));
        var ranByVersionTwo = new ConcurrentBag<string>();
        DurableTaskOptions options = EngineHarness.Options(azurite, "versions");

        // Deployment 1: only version 1 exists.
        string oldId;
        await using (DurableTaskEngine first = await EngineHarness.StartAsync(options, new DurableTaskRegistry().AddOrchestratorFunc<string, string>("Flow", VersionOne, "1"), output))
        {
            oldId = await first.Client.ScheduleNewOrchestrationInstanceAsync("Flow", "", cancellation: timeout);
            OrchestrationMetadata started = await first.Client.WaitForInstanceStartAsync(oldId, timeout);
            Assert.Equal("1", started.Version);
        }

        // Deployment 2: versions 1 and 2, 2 the default. The old instance keeps running version 1's code.
        var both = new DurableTaskRegistry()
            .AddOrchestrator("Flow", "1", _ => new FuncOrchestrator(VersionOne), isDefault: false)
            .AddOrchestrator("Flow", "2", _ => new FuncOrchestrator((ctx, input) => VersionTwo(ctx, input, ranByVersionTwo)));
        string newId, stranded;
        await using (DurableTaskEngine second = await EngineHarness.StartAsync(options, both, output))
        {
            await second.Client.RaiseEventAsync(oldId, "Go", "report", timeout);
            OrchestrationMetadata old = await second.Client.WaitForInstanceCompletionAsync(oldId, getInputsAndOutputs: true, timeout);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, old.RuntimeStatus);
            Assert.Equal("v1 handled report", old.ReadOutputAs<string>());
            Assert.Equal("1", old.Version);

            newId = await second.Client.ScheduleNewOrchestrationInstanceAsync("Flow", "", cancellation: timeout);
            Assert.Equal("2", (await second.Client.WaitForInstanceStartAsync(newId, timeout)).Version);
            await second.Client.RaiseEventAsync(newId, "Go", "report", timeout);
            OrchestrationMetadata fresh = await second.Client.WaitForInstanceCompletionAsync(newId, getInputsAndOutputs: true, timeout);
            Assert.Equal("v2 handled report", fresh.ReadOutputAs<string>());
            Assert.Equal("2", fresh.Version);

            stranded = await second.Client.ScheduleNewOrchestrationInstanceAsync("Flow", "", new StartOrchestrationOptions { Version = "1" }, timeout);
            Assert.Equal("1", (await second.Client.WaitForInstanceStartAsync(stranded, timeout)).Version);
        }

        // Deployment 3: version 1 is gone. Its instance stops with a reason instead of running version 2's code.
        var onlyTwo = new DurableTaskRegistry()
            .AddOrchestrator("Flow", "2", _ => new FuncOrchestrator((ctx, input) => VersionTwo(ctx, input, ranByVersionTwo)));
        await using DurableTaskEngine third = await EngineHarness.StartAsync(options, onlyTwo, output);
        await third.Client.RaiseEventAsync(stranded, "Go", "report", timeout);
        OrchestrationMetadata stopped = await third.Client.WaitForInstanceCompletionAsync(stranded, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, stopped.RuntimeStatus);
        Assert.Null(stopped.SerializedOutput);
        Assert.NotNull(stopped.FailureDetails);
        Assert.Equal("OrchestratorVersionNotRegistered", stopped.FailureDetails.ErrorType);
        Assert.Contains("version '1'", stopped.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("1", stopped.Version);
        Assert.Contains(newId, ranByVersionTwo);
        Assert.DoesNotContain(stranded, ranByVersionTwo);
        Assert.DoesNotContain(oldId, ranByVersionTwo);
        Assert.True((await third.Client.VerifyHistoryAsync(stranded, timeout))!.IsIntact);
    }

    private static async Task<string> VersionOne(TaskOrchestrationContext ctx, string input)
        => "v1 handled " + await ctx.WaitForExternalEvent<string>("Go");

    private static async Task<string> VersionTwo(TaskOrchestrationContext ctx, string input, ConcurrentBag<string> ran)
    {
        ran.Add(ctx.InstanceId);
        return "v2 handled " + await ctx.WaitForExternalEvent<string>("Go");
    }

    private sealed class FuncOrchestrator(Func<TaskOrchestrationContext, string, Task<string>> run) : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => run(context, input);
    }
}
