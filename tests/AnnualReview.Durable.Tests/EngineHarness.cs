using AnnualReview.Durable.Hosting;
using AnnualReview.Testing;
using Xunit.Abstractions;

namespace AnnualReview.Durable.Tests;

/// <summary>A task hub of its own on the shared Azurite, with a worker polling it.</summary>
internal static class EngineHarness
{
    public static DurableTaskOptions Options(AzuriteFixture azurite, string prefix, TimeProvider? clock = null) => new()
    {
        TaskHubName = AzuriteServer.NewTaskHubName(prefix),
        StorageConnectionString = azurite.ConnectionString,
        PartitionCount = 2,
        MaxPollingInterval = TimeSpan.FromMilliseconds(200),
        TimerPollingInterval = TimeSpan.FromMilliseconds(100),
        MessageVisibilityTimeout = TimeSpan.FromSeconds(3),
        TimeProvider = clock ?? TimeProvider.System,
    };

    public static async Task<DurableTaskEngine> StartAsync(DurableTaskOptions options, DurableTaskRegistry registry, ITestOutputHelper? output = null)
    {
        var engine = new DurableTaskEngine(options, registry, loggers: output is null ? null : new XunitLoggerFactory(output));
        await engine.Worker.StartAsync(CancellationToken.None);
        return engine;
    }
}
