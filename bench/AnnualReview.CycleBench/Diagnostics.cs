using AnnualReview.TaskHub.History;
using Microsoft.DurableTask.Client;

namespace AnnualReview.CycleBench;

/// <summary>What to print when the cycle gets stuck or fails: the instances concerned, their status and failure.</summary>
internal static class Diagnostics
{
    public static async Task DescribeAsync(Observer observer, IReadOnlyList<string> instanceIds, CancellationToken cancellation)
    {
        Console.Error.WriteLine($"{instanceIds.Count} instance(s) stuck; the first ones:");
        foreach (string id in instanceIds.Take(8))
        {
            var (metadata, _) = await observer.StatusAsync(id, cancellation);
            Describe(id, metadata);
        }

        // What the first one's history holds: events by type and name, and how it ends.
        if (instanceIds.Count > 0 && await observer.History.ReadAsync(instanceIds[0], 0, cancellation) is { Count: > 0 } events)
        {
            Console.Error.WriteLine($"  history of {instanceIds[0]}: {events.Count} events; " + string.Join(", ", events
                .GroupBy(e => e.Name is null ? e.EventType : $"{e.EventType} '{e.Name}'")
                .Select(g => $"{g.Key} ×{g.Count()}")));
            foreach (HistoryRecord e in events.TakeLast(6))
            {
                Console.Error.WriteLine($"    {e.Timestamp:u} {e.Describe()} {Shorten(e.Payload)}");
            }
        }
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length > 160 ? text[..160] + "…" : text;

    public static async Task DescribeFailedAsync(Observer observer, CancellationToken cancellation)
    {
        var counts = new Dictionary<OrchestrationRuntimeStatus, int>();
        int shown = 0;
        await foreach (OrchestrationMetadata instance in observer.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = CycleDriver.CycleId }).WithCancellation(cancellation))
        {
            counts[instance.RuntimeStatus] = counts.GetValueOrDefault(instance.RuntimeStatus) + 1;
            if (instance.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated && shown++ < 10)
            {
                Describe(instance.InstanceId, (await observer.StatusAsync(instance.InstanceId, cancellation)).Metadata);
            }
        }

        Console.Error.WriteLine("instances by status: " + string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}")));
    }

    private static void Describe(string id, OrchestrationMetadata? metadata)
    {
        Console.Error.WriteLine($"  {id}: {metadata?.RuntimeStatus.ToString() ?? "not found"}, updated {metadata?.LastUpdatedAt:u}");
        Console.Error.WriteLine($"    status: {metadata?.SerializedCustomStatus}");
        if (metadata?.FailureDetails is { } failure)
        {
            Console.Error.WriteLine($"    failure: {failure.ErrorType}: {failure.ErrorMessage}");
        }
    }
}
