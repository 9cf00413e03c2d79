using AnnualReview.Assessment.Cycle;
using AnnualReview.Testing;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Storage;
using AnnualReview.Workflows.Timing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Workflows.Tests;

/// <summary>
/// A cycle on its own task hub and tables over the shared Azurite, on the standalone engine, with a clock that
/// runs <see cref="Scale"/> times faster than real time: days pass in seconds, so every reminder and escalation
/// happens at its planned moment while the test acts between them.
/// </summary>
internal sealed class CycleHarness : IAsyncDisposable
{
    /// <summary>Six hours of the cycle per real second: a step's reminders a few seconds apart, a month in two minutes.</summary>
    public const double DefaultScale = 6 * 3600;

    private CycleHarness(TestEngine engine, ScaledTimeProvider clock, AssessmentStorage storage, string hub, string prefix)
    {
        Engine = engine;
        Clock = clock;
        Storage = storage;
        TaskHub = hub;
        StoragePrefix = prefix;
        Commands = new ReviewCommands(engine.Client, storage, clock);
        Roster = new RosterService(storage, clock);
        Starter = new CycleStarter(engine.Client, new CycleRegistry(storage), clock);
        ReadModels = new ReadModelStore(storage);
        Outbox = new NotificationOutbox(storage);
    }

    public ScaledTimeProvider Clock { get; }

    public double Scale => Clock.Clock.Scale;

    /// <summary>Where the harness says what it is waiting for, so a stuck test shows its last step.</summary>
    public Action<string>? Progress { get; set; }

    public string TaskHub { get; }

    public string StoragePrefix { get; }

    public AssessmentStorage Storage { get; }

    public TestEngine Engine { get; }

    public DurableTaskClient Client => Engine.Client;

    public ReviewCommands Commands { get; }

    public RosterService Roster { get; }

    public CycleStarter Starter { get; }

    public ReadModelStore ReadModels { get; }

    public NotificationOutbox Outbox { get; }

    /// <param name="now">The cycle's time when the harness starts.</param>
    public static Task<CycleHarness> StartAsync(AzuriteFixture azurite, DateTimeOffset now, Action<DurableTaskRegistry>? register = null, string? hub = null, string? prefix = null, ITestOutputHelper? output = null, double scale = DefaultScale)
        => StartAsync(azurite, new CycleClock(now.UtcDateTime, DateTime.UtcNow, scale), register, hub, prefix, output);

    private static async Task<CycleHarness> StartAsync(AzuriteFixture azurite, CycleClock clock, Action<DurableTaskRegistry>? register, string? hub, string? prefix, ITestOutputHelper? output)
    {
        hub ??= AzuriteServer.NewTaskHubName("cycle");
        prefix ??= AzuriteServer.NewTaskHubName("data");
        var time = new ScaledTimeProvider(clock);
        var storage = new AssessmentStorage(new AssessmentStorageOptions { ConnectionString = azurite.ConnectionString, Prefix = prefix });
        await storage.EnsureCreatedAsync();
        TestEngine engine = await TestEngine.StartAsync(
            azurite.ConnectionString,
            TestEngine.SettingsFor(hub),
            WorkflowJson.Converter,
            register ?? (r => r.AddAssessmentWorkflows()),
            services => services.AddSingleton(storage).AddSingleton<TimeProvider>(time),
            output);
        return new CycleHarness(engine, time, storage, hub, prefix);
    }

    /// <summary>A second engine on the same task hub, tables and timeline (a redeploy), with its own registrations.</summary>
    public Task<CycleHarness> RedeployAsync(AzuriteFixture azurite, Action<DurableTaskRegistry> register)
        => StartAsync(azurite, Clock.Clock, register, TaskHub, StoragePrefix, null);

    /// <summary>Waits until the clock reaches a local time in Hồ Chí Minh City, then until <paramref name="until"/> holds.</summary>
    public async Task AdvanceToAsync(DateTime localTime, Func<Task<bool>> until, CancellationToken timeout)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(CycleDefinition.DefaultTimeZoneId);
        DateTimeOffset target = new(TimeZoneInfo.ConvertTimeToUtc(localTime, zone), TimeSpan.Zero);
        TimeSpan ahead = target - Clock.GetUtcNow();
        if (ahead > TimeSpan.Zero)
        {
            await Task.Delay(TimeSpan.FromTicks((long)(ahead.Ticks / Scale)) + TimeSpan.FromMilliseconds(1), timeout);
        }

        Progress?.Invoke($"{DateTime.UtcNow:HH:mm:ss.fff} clock at {localTime:dd/MM HH:mm} local (cycle time {Clock.GetUtcNow():dd/MM HH:mm} UTC)");
        await WaitUntilAsync(until, timeout);
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken timeout)
    {
        while (!await condition())
        {
            await Task.Delay(50, timeout);
        }
    }

    public async ValueTask DisposeAsync() => await Engine.DisposeAsync();
}
