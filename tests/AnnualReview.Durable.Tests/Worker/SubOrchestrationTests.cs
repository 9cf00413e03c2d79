using AnnualReview.Durable.Client;
using AnnualReview.Testing;

namespace AnnualReview.Durable.Tests.Worker;

[Collection("azurite")]
public sealed class SubOrchestrationTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task CallSubOrchestratorAsync_ThreeChildrenOneWithAnExplicitId_ReturnsTheirOutputsAndChildrenKnowTheirParent()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(30));
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<int, int>("Square", n => n * n)
            .AddOrchestratorFunc<int, int>("Child", async (ctx, n) => await ctx.CallActivityAsync<int>("Square", n))
            .AddOrchestratorFunc<int, int[]>("Parent", async (ctx, _) => await Task.WhenAll(
                ctx.CallSubOrchestratorAsync<int>("Child", 2),
                ctx.CallSubOrchestratorAsync<int>("Child", 3, new SubOrchestrationOptions(instanceId: "child-x")),
                ctx.CallSubOrchestratorAsync<int>("Child", 4)));
        await using var engine = await EngineHarness.StartAsync(EngineHarness.Options(azurite, "subs"), registry, output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 0, cancellation: timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal([4, 9, 16], done.ReadOutputAs<int[]>()!);
        OrchestrationMetadata? named = await engine.Client.GetInstanceAsync("child-x", getInputsAndOutputs: true, timeout);
        Assert.NotNull(named);
        Assert.Equal("Child", named.Name);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, named.RuntimeStatus);
        Assert.Equal(id, named.ParentInstanceId);
        Assert.Equal(9, named.ReadOutputAs<int>());
        List<OrchestrationMetadata> children = await engine.Client
            .GetAllInstancesAsync(new OrchestrationQuery { Name = "Child" }, timeout)
            .ToListAsync(timeout);
        Assert.Equal(3, children.Count);
        Assert.All(children, child => Assert.Equal(id, child.ParentInstanceId));
        Assert.True((await engine.Client.VerifyHistoryAsync(id, timeout))!.IsIntact);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildFails_SurfacesAsTaskFailedExceptionInTheParent()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(20));
        var registry = new DurableTaskRegistry()
            .AddOrchestratorFunc<string, string>("Broken", (_, reason) => throw new InvalidOperationException(reason))
            .AddOrchestratorFunc<string, string>("Caller", async (ctx, reason) =>
            {
                try
                {
                    await ctx.CallSubOrchestratorAsync<string>("Broken", reason, TaskOptions.FromRetryPolicy(new RetryPolicy(1, TimeSpan.FromSeconds(1))).WithInstanceId("broken-child"));
                    return "no failure";
                }
                catch (TaskFailedException failed)
                {
                    return $"{failed.TaskName}|{failed.FailureDetails.ErrorType}|{failed.FailureDetails.ErrorMessage}";
                }
            });
        await using var engine = await EngineHarness.StartAsync(EngineHarness.Options(azurite, "subfail"), registry, output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Caller", "quota exceeded", cancellation: timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal($"Broken|{typeof(InvalidOperationException).FullName}|quota exceeded", done.ReadOutputAs<string>());
        OrchestrationMetadata? child = await engine.Client.GetInstanceAsync("broken-child", cancellation: timeout);
        Assert.NotNull(child);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, child.RuntimeStatus);
        Assert.Equal(id, child.ParentInstanceId);
        Assert.Equal("quota exceeded", child.FailureDetails?.ErrorMessage);
    }
}
