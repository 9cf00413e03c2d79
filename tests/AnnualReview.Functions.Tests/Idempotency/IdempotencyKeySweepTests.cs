using AnnualReview.Functions.Idempotency;
using AnnualReview.Functions.Periodic;
using AnnualReview.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Idempotency;

[Collection("azurite")]
public sealed class IdempotencyKeySweepTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RunOnce_DeletesExpiredKeysAndKeepsLiveOnes()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        var store = app.Services.GetRequiredService<IdempotencyStore>();
        IdempotencyKeySweep sweep = app.Services.GetServices<IPeriodicWork>().OfType<IdempotencyKeySweep>().Single();
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        string expired = IdempotencyStore.PartitionFor("someone", "old");
        string live = IdempotencyStore.PartitionFor("someone", "new");
        await store.TryClaimAsync(expired, "someone", "old", new IdempotencyRecord("h1", true, now.AddDays(-2), now.AddDays(-1)) { Status = 200, Body = [1, 2, 3] }, timeout);
        await store.TryClaimAsync(live, "someone", "new", new IdempotencyRecord("h2", true, now, now.AddHours(24)) { Status = 200, Body = [4, 5, 6] }, timeout);

        await sweep.RunOnceAsync(timeout);
        await sweep.RunOnceAsync(timeout);

        Assert.Null(await store.GetAsync(expired, timeout));
        var kept = await store.GetAsync(live, timeout);
        Assert.NotNull(kept);
        Assert.Equal([4, 5, 6], kept.Value.Record.Body);
        Assert.Equal("h2", kept.Value.Record.RequestHash);
    }

    [Fact]
    public async Task Store_KeepsBodiesLargerThanOneTableProperty()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout);
        var store = app.Services.GetRequiredService<IdempotencyStore>();
        byte[] body = [.. Enumerable.Range(0, 200_000).Select(i => (byte)(i % 251))];
        string partition = IdempotencyStore.PartitionFor("someone", "big");
        DateTimeOffset now = TimeProvider.System.GetUtcNow();

        await store.CompleteAsync(partition, "someone", "big", new IdempotencyRecord("h", true, now, now.AddHours(1)) { Status = 200, ContentType = "application/json", Body = body }, timeout);
        var read = await store.GetAsync(partition, timeout);

        Assert.NotNull(read);
        Assert.Equal(body, read.Value.Record.Body);
        Assert.Equal("application/json", read.Value.Record.ContentType);
    }
}
