using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using AnnualReview.Testing;

namespace AnnualReview.Bench.Scenarios;

/// <summary>
/// Azurite's own limit on this machine, in the same run: single-entity inserts into a fresh table from 32
/// callers, and send + receive + delete cycles on a shallow queue (10 messages waiting) from 16 callers.
/// </summary>
internal static class AzuriteRaw
{
    private const int TableCallers = 32;
    private const int QueueCallers = 16;
    private const int QueueDepth = 10;
    private const int WarmUp = 64;

    public static async Task RunAsync(BenchOptions options, BenchResults results, CancellationToken cancellation)
    {
        (int inserts, int queueCycles) = (options.RawInserts, options.RawQueueCycles);
        await using AzuriteServer azurite = await AzuriteServer.StartProcessAsync(cancellation);

        var table = new TableClient(azurite.ConnectionString, "rawinserts");
        await table.CreateIfNotExistsAsync(cancellation);
        await InsertAsync(table, "warmup", WarmUp, cancellation);
        double insertSeconds = await InsertAsync(table, "p", inserts, cancellation);

        var queue = new QueueClient(azurite.ConnectionString, "rawcycles");
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellation);
        for (int i = 0; i < QueueDepth; i++)
        {
            await queue.SendMessageAsync("waiting", cancellation);
        }

        await CycleAsync(queue, WarmUp, cancellation);
        (double cycleSeconds, long emptyReceives) = await CycleAsync(queue, queueCycles, cancellation);

        results.AzuriteRawOpsPerSecond = Stats.Round(inserts / insertSeconds);
        results.AzuriteRawQueueCyclesPerSecond = Stats.Round(queueCycles / cycleSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"AzuriteRaw: {inserts:N0} single-entity inserts from {TableCallers} callers: {results.AzuriteRawOpsPerSecond} inserts/s; " +
            $"{queueCycles:N0} send+receive+delete cycles on a {QueueDepth}-message queue from {QueueCallers} callers: " +
            $"{results.AzuriteRawQueueCyclesPerSecond} cycles/s ({emptyReceives} receives found nothing and were repeated)"));
    }

    private static async Task<double> InsertAsync(TableClient table, string prefix, int count, CancellationToken cancellation)
    {
        int next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, TableCallers).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                var row = new TableEntity(prefix + (n % 64).ToString("D2", CultureInfo.InvariantCulture), n.ToString("D8", CultureInfo.InvariantCulture))
                {
                    ["Payload"] = "an entity of about the size of an instance's state row",
                    ["Number"] = n,
                };
                await table.AddEntityAsync(row, cancellation);
            }
        }));
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double Seconds, long EmptyReceives)> CycleAsync(QueueClient queue, int count, CancellationToken cancellation)
    {
        int next = -1;
        long empty = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, QueueCallers).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                await queue.SendMessageAsync("cycle", cancellation);
                QueueMessage? received;
                while ((received = (await queue.ReceiveMessageAsync(TimeSpan.FromSeconds(30), cancellation)).Value) is null)
                {
                    Interlocked.Increment(ref empty);
                }

                await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, cancellation);
            }
        }));
        return (clock.Elapsed.TotalSeconds, empty);
    }
}
