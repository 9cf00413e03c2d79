using AnnualReview.Workflows.Contracts;
using Microsoft.DurableTask;

namespace AnnualReview.Workflows.Orchestrators;

/// <summary>
/// Bounded fan-out: a unit starts its child units a few at a time. A child counts as starting until it reports
/// that it and its own subtree have started, so a city's tree (cycle → committees → organizations → cells)
/// comes up a few subtrees at a time instead of flooding the task hub's queues with every unit's first work at once.
/// </summary>
internal static class SubtreeStarts
{
    /// <summary>Children of one unit that may be starting at once.</summary>
    public const int MaxStarting = 8;

    /// <summary>Starts every child (at most <see cref="MaxStarting"/> starting at a time), waits until all have started, then returns their runs.</summary>
    public static async Task<List<Task<TResult>>> StartAsync<TResult>(TaskOrchestrationContext context, IEnumerable<(string Orchestrator, UnitInput Input, string InstanceId)> children)
    {
        var runs = new List<Task<TResult>>();
        var starting = new Dictionary<string, Task<TResult>>(StringComparer.Ordinal);
        Task<string>? report = null;
        foreach (var child in children)
        {
            while (starting.Count >= MaxStarting)
            {
                report = await NextReportAsync(context, starting, report);
            }

            Task<TResult> run = context.CallSubOrchestratorAsync<TResult>(child.Orchestrator, child.Input, new SubOrchestrationOptions { InstanceId = child.InstanceId });
            starting[child.InstanceId] = run;
            runs.Add(run);
        }

        while (starting.Count > 0)
        {
            report = await NextReportAsync(context, starting, report);
        }

        return runs;
    }

    /// <summary>Tells the parent unit (if any) that this unit and its subtree have started.</summary>
    public static void Report(TaskOrchestrationContext context)
    {
        if (context.Parent is { } parent)
        {
            context.SendEvent(parent.InstanceId, EventNames.SubtreeStarted, context.InstanceId);
        }
    }

    /// <summary>
    /// Waits for a child's report, or for a starting child to end without one (it failed early). The wait for a
    /// report is kept, never cancelled, until it is used: the SDK hands an event to its newest waiter even if cancelled.
    /// </summary>
    private static async Task<Task<string>?> NextReportAsync<TResult>(TaskOrchestrationContext context, Dictionary<string, Task<TResult>> starting, Task<string>? report)
    {
        report ??= context.WaitForExternalEvent<string>(EventNames.SubtreeStarted);
        await Task.WhenAny([report, .. starting.Values]);
        if (report.IsCompletedSuccessfully)
        {
            starting.Remove(report.Result);
            report = null;
        }

        foreach (string ended in starting.Where(s => s.Value.IsCompleted).Select(s => s.Key).ToList())
        {
            starting.Remove(ended);
        }

        return report;
    }
}
