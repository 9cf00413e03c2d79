using AnnualReview.Assessment.Cycle;
using AnnualReview.Assessment.Model;
using AnnualReview.Durable;
using AnnualReview.Durable.Client;
using AnnualReview.Durable.Hosting;
using AnnualReview.Testing;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AnnualReview.Workflows.Tests;

/// <summary>
/// A cycle on its own task hub and tables over the shared Azurite, with a fake clock the test moves by hand:
/// days pass when the test says so, and every reminder and escalation can be checked at its exact time.
/// </summary>
internal sealed class CycleHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CycleHarness(AzuriteFixture azurite, FakeTimeProvider clock, Action<DurableTaskRegistry> register, string hub, string prefix, Xunit.Abstractions.ITestOutputHelper? output)
    {
        Clock = clock;
        TaskHub = hub;
        StoragePrefix = prefix;
        Storage = new AssessmentStorage(new AssessmentStorageOptions { ConnectionString = azurite.ConnectionString, Prefix = prefix });
        _services = new ServiceCollection().AddSingleton(Storage).AddSingleton<TimeProvider>(clock).BuildServiceProvider();
        var registry = new DurableTaskRegistry();
        register(registry);
        Engine = new DurableTaskEngine(new DurableTaskOptions
        {
            TaskHubName = hub,
            StorageConnectionString = azurite.ConnectionString,
            PartitionCount = 2,
            MaxPollingInterval = TimeSpan.FromMilliseconds(100),
            TimerPollingInterval = TimeSpan.FromMilliseconds(50),
            MessageVisibilityTimeout = TimeSpan.FromSeconds(5),
            TimeProvider = clock,
        }, registry, _services, output is null ? null : new XunitLoggerFactory(output));
        Commands = new ReviewCommands(Engine.Client, Storage, clock);
        Roster = new RosterService(Storage, clock);
        Starter = new CycleStarter(Engine.Client);
        ReadModels = new ReadModelStore(Storage);
        Outbox = new NotificationOutbox(Storage);
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>Where the harness says what it is waiting for, so a stuck test shows its last step.</summary>
    public Action<string>? Progress { get; set; }

    public string TaskHub { get; }

    public string StoragePrefix { get; }

    public AssessmentStorage Storage { get; }

    public DurableTaskEngine Engine { get; }

    public DurableTaskClient Client => Engine.Client;

    public ReviewCommands Commands { get; }

    public RosterService Roster { get; }

    public CycleStarter Starter { get; }

    public ReadModelStore ReadModels { get; }

    public NotificationOutbox Outbox { get; }

    public static async Task<CycleHarness> StartAsync(AzuriteFixture azurite, DateTimeOffset now, Action<DurableTaskRegistry>? register = null, string? hub = null, string? prefix = null, Xunit.Abstractions.ITestOutputHelper? output = null)
    {
        var harness = new CycleHarness(azurite, new FakeTimeProvider(now), register ?? (r => r.AddAssessmentWorkflows()),
            hub ?? AzuriteServer.NewTaskHubName("cycle"), prefix ?? AzuriteServer.NewTaskHubName("data"), output);
        await harness.Storage.EnsureCreatedAsync();
        await harness.Engine.Worker.StartAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>A second engine on the same task hub and tables (a redeploy), with its own registrations.</summary>
    public Task<CycleHarness> RedeployAsync(AzuriteFixture azurite, Action<DurableTaskRegistry> register)
        => StartAsync(azurite, Clock.GetUtcNow(), register, TaskHub, StoragePrefix);

    /// <summary>Moves the clock to a local time in Hồ Chí Minh City and gives the worker time to act on due timers.</summary>
    public async Task AdvanceToAsync(DateTime localTime, Func<Task<bool>> until, CancellationToken timeout)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(CycleDefinition.DefaultTimeZoneId);
        var target = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(localTime, zone), TimeSpan.Zero);
        if (target > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(target);
        }

        Progress?.Invoke($"{DateTime.UtcNow:HH:mm:ss.fff} clock at {localTime:dd/MM HH:mm} local");
        await WaitUntilAsync(until, timeout);
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken timeout)
    {
        while (!await condition())
        {
            await Task.Delay(50, timeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await _services.DisposeAsync();
    }
}
