using AnnualReview.TaskHub.OrchestrationServiceClientShim;
using AnnualReview.Testing;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AnnualReview.TaskHub.Tests.OrchestrationServiceClientShim;

/// <summary>The SDK's client over DTFx's orchestration service client: start, signal, read, list.</summary>
[Collection("azurite")]
public sealed class ShimDurableTaskClientTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<string?, string>("Wait", async (ctx, _) =>
        {
            ctx.SetCustomStatus(new { stage = "chờ" });
            return await ctx.WaitForExternalEvent<string>("go");
        });

    [Fact]
    public async Task Start_CustomStatus_RaiseEvent_AndDuplicateStartIsRefusedWhileRunning()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestEngine engine = await Engines.StartAsync(azurite, Register, output);

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Wait", new StartOrchestrationOptions("w-1"), timeout);
        await Engines.EventuallyAsync(async () => (await engine.Client.GetInstanceAsync(id, timeout))?.SerializedCustomStatus is not null, timeout);
        OrchestrationMetadata running = (await engine.Client.GetInstanceAsync(id, timeout))!;
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => engine.Client.ScheduleNewOrchestrationInstanceAsync("Wait", new StartOrchestrationOptions("w-1"), timeout));
        await engine.Client.RaiseEventAsync(id, "go", "đi", timeout);
        OrchestrationMetadata done = await engine.Client.WaitForInstanceCompletionAsync(id, true, timeout);

        Assert.Equal("{\"stage\":\"chờ\"}", running.SerializedCustomStatus);
        Assert.Equal("đi", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RaiseEvent_ToAnUnknownInstance_Throws()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestEngine engine = await Engines.StartAsync(azurite, Register, output);

        var missing = await Assert.ThrowsAsync<InstanceNotFoundException>(() => engine.Client.RaiseEventAsync("không-có", "go", "đi", timeout));
        Assert.Equal("không-có", missing.InstanceId);
    }

    [Fact]
    public async Task Terminate_Suspend_Resume_ChangeTheRuntimeStatus()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestEngine engine = await Engines.StartAsync(azurite, Register, output);
        string paused = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Wait", cancellation: timeout);
        string stopped = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Wait", cancellation: timeout);
        await engine.Client.WaitForInstanceStartAsync(paused, timeout);
        await engine.Client.WaitForInstanceStartAsync(stopped, timeout);

        await engine.Client.SuspendInstanceAsync(paused, "kiểm tra", timeout);
        await Engines.EventuallyAsync(async () => (await engine.Client.GetInstanceAsync(paused, timeout))!.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, timeout);
        await engine.Client.ResumeInstanceAsync(paused, "xong", timeout);
        await Engines.EventuallyAsync(async () => (await engine.Client.GetInstanceAsync(paused, timeout))!.RuntimeStatus == OrchestrationRuntimeStatus.Running, timeout);
        await engine.Client.TerminateInstanceAsync(stopped, "hủy", timeout);
        OrchestrationMetadata terminated = await engine.Client.WaitForInstanceCompletionAsync(stopped, true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
    }

    [Fact]
    public async Task GetAllInstances_FiltersByPrefixAndStatus_AndPages()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestEngine engine = await Engines.StartAsync(azurite, Register, output);
        for (int i = 0; i < 5; i++)
        {
            await engine.Client.ScheduleNewOrchestrationInstanceAsync("Wait", new StartOrchestrationOptions($"cell-{i}"), timeout);
        }

        await engine.Client.ScheduleNewOrchestrationInstanceAsync("Wait", new StartOrchestrationOptions("other"), timeout);
        await engine.Client.WaitForInstanceStartAsync("cell-4", timeout);

        var pages = new List<int>();
        await foreach (Page<OrchestrationMetadata> page in engine.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "cell-" }).AsPages(pageSizeHint: 2).WithCancellation(timeout))
        {
            pages.Add(page.Values.Count);
        }

        var completed = new List<string>();
        await foreach (OrchestrationMetadata m in engine.Client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed] }).WithCancellation(timeout))
        {
            completed.Add(m.InstanceId);
        }

        Assert.Equal(5, pages.Sum());
        Assert.True(pages.Count >= 3, string.Join(",", pages));
        Assert.Empty(completed);
    }
}
