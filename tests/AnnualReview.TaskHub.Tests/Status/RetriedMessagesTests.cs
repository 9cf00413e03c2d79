using AnnualReview.TaskHub.Status;
using AnnualReview.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.TaskHub.Tests.Status;

/// <summary>What DTFx does with a message it cannot process, as the status page shows it.</summary>
[Collection("azurite")]
public sealed class RetriedMessagesTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    /// <summary>
    /// An instance of an orchestrator that this deployment no longer has: DTFx keeps its message and puts it back
    /// again and again (2, 4, 8 … seconds apart); the ledger shows the instance and how often it came back.
    /// </summary>
    [Fact]
    public async Task MessageForAnUnknownOrchestrator_IsPutBackWithGrowingDelays_AndShown()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(90));
        await using TestEngine engine = await Engines.StartAsync(azurite, r => r.AddOrchestratorFunc<string?, string>("Known", (_, _) => Task.FromResult("ok")), output);
        var retried = engine.Services.GetRequiredService<RetriedMessages>();

        string id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("RemovedInThisDeploy", cancellation: timeout);
        while (!retried.Current.Any(m => m.InstanceId == id && m.TimesPutBack >= 2))
        {
            await Task.Delay(200, timeout);
        }

        RetriedMessage message = retried.Current.Single(m => m.InstanceId == id);
        Assert.Equal("ExecutionStarted", message.EventType);
        Assert.Contains("-control-", message.Queue, StringComparison.Ordinal);
        Assert.False(message.Poison);
        Assert.True(message.NextTryInSeconds >= 4, $"next try in {message.NextTryInSeconds} s");
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await engine.Client.GetInstanceAsync(id, timeout))!.RuntimeStatus);
    }
}
