using AnnualReview.TaskHub;
using AnnualReview.TaskHub.Sealing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AnnualReview.Testing;

/// <summary>
/// The standalone engine (the SDK's worker and client over DTFx's Azure Storage backend) on its own task hub in the
/// shared Azurite, started the way the app starts it, without the web host around it.
/// </summary>
public sealed class TestEngine : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _started = [];

    private TestEngine(ServiceProvider services, TaskHubSettings settings)
    {
        _services = services;
        Settings = settings;
    }

    public IServiceProvider Services => _services;

    public TaskHubSettings Settings { get; }

    public DurableTaskClient Client => _services.GetRequiredService<DurableTaskClient>();

    public TaskHubStorage Storage => _services.GetRequiredService<TaskHubStorage>();

    public HistorySealer Sealer => _services.GetRequiredService<HistorySealer>();

    public HistoryVerifier Verifier => _services.GetRequiredService<HistoryVerifier>();

    /// <summary>Settings that suit tests: two partitions, quick polling, messages back soon after a worker stops.</summary>
    public static TaskHubSettings SettingsFor(string hubName) => new()
    {
        HubName = hubName,
        PartitionCount = 2,
        MaxQueuePollingInterval = TimeSpan.FromMilliseconds(250),
        ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
        WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
        MaxConcurrentActivityFunctions = 16,
        MaxConcurrentOrchestratorFunctions = 16,
    };

    /// <param name="services">Services the activities need (storage, clocks).</param>
    public static async Task<TestEngine> StartAsync(
        string connectionString,
        TaskHubSettings settings,
        DataConverter converter,
        Action<DurableTaskRegistry> register,
        Action<IServiceCollection>? services = null,
        ITestOutputHelper? output = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var collection = new ServiceCollection();
        collection.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            if (output is not null)
            {
                logging.AddProvider(new XunitLoggerProvider(output));
            }
        });
        services?.Invoke(collection);
        collection.AddStandaloneDurableTask(settings, TaskHubConnection.FromConnectionString(connectionString), converter, register, sealingInterval: TimeSpan.FromSeconds(1));
        var engine = new TestEngine(collection.BuildServiceProvider(), settings);
        foreach (IHostedService hosted in engine._services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
            engine._started.Add(hosted);
        }

        return engine;
    }

    public async ValueTask DisposeAsync()
    {
        for (int i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
