using AnnualReview.Functions.Periodic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnnualReview.Functions.Tests.Periodic;

public sealed class PeriodicWorkRunnerTests
{
    /// <summary>Counts its runs; fails when told to.</summary>
    private sealed class CountingWork(string name, bool fails = false) : IPeriodicWork
    {
        private int _runs;

        public string Name => name;

        public int Runs => Volatile.Read(ref _runs);

        public TaskCompletionSource Ran { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task RunOnceAsync(CancellationToken cancellation)
        {
            if (Interlocked.Increment(ref _runs) >= 2)
            {
                Ran.TrySetResult();
            }

            return fails ? Task.FromException(new InvalidOperationException($"{name} broke")) : Task.CompletedTask;
        }
    }

    [Fact]
    public async Task RunOnce_AFailingPieceIsReported_AndTheOthersStillRun()
    {
        var broken = new CountingWork("broken", fails: true);
        var healthy = new CountingWork("healthy");
        var runner = new PeriodicWorkRunner([broken, healthy], NullLogger<PeriodicWorkRunner>.Instance);

        IReadOnlyList<PeriodicOutcome> outcomes = await runner.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, healthy.Runs);
        Assert.Equal([new PeriodicOutcome("broken", false, "broken broke"), new PeriodicOutcome("healthy", true, null)], outcomes);
    }

    [Fact]
    public async Task Service_RunsTheWorkAgainOnItsInterval_UntilStopped()
    {
        var work = new CountingWork("tick");
        var runner = new PeriodicWorkRunner([work], NullLogger<PeriodicWorkRunner>.Instance);
        using var service = new PeriodicWorkService(runner, TimeSpan.FromMilliseconds(50), NullLogger<PeriodicWorkService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await work.Ran.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await service.StopAsync(CancellationToken.None);
        int afterStop = work.Runs;

        Assert.True(afterStop >= 2);
        Assert.Equal(afterStop, work.Runs);
    }

    [Theory]
    [InlineData(null, 5)]
    [InlineData("2", 2)]
    [InlineData("0.5", 0.5)]
    [InlineData("-1", 5)]
    [InlineData("soon", 5)]
    public void IntervalFrom_ReadsSecondsWithAFallbackOfFive(string? setting, double seconds)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [PeriodicWorkService.IntervalSetting] = setting })
            .Build();

        Assert.Equal(TimeSpan.FromSeconds(seconds), PeriodicWorkService.IntervalFrom(configuration));
    }
}
