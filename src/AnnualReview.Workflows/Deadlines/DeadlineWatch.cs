using System.Text.Json;
using AnnualReview.Durable;

namespace AnnualReview.Workflows.Deadlines;

/// <summary>How a watched step ended.</summary>
public enum WatchOutcome
{
    /// <summary>Everything the step waited for arrived.</summary>
    Done,

    /// <summary>The hard stop came first; what is missing closes as "not submitted".</summary>
    HardStopped,
}

/// <summary>
/// The one deadline pattern every dated step uses: wait for the step's events; at each moment of its plan
/// remind, mark late, escalate along the ladder, and close at the hard stop. One durable timer is pending at a
/// time (the next moment), however many events arrive, so a busy step does not pile up timers.
/// </summary>
public static class DeadlineWatch
{
    /// <summary>Watches one step: <c>eventNames</c> are the events it accepts, each handed over as its JSON payload.</summary>
    public static async Task<WatchOutcome> RunAsync(
        TaskOrchestrationContext context,
        StepPlan plan,
        IReadOnlyList<string> eventNames,
        Func<string, JsonElement, Task> onEvent,
        Func<bool> isDone,
        Func<WatchMoment, Task> onMoment)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plan);
        int next = 0;
        while (next < plan.Moments.Count && plan.Moments[next].At <= context.CurrentUtcDateTime)
        {
            next++;
        }

        CancellationTokenSource? timerCancel = null;
        Task? timer = null;
        int timerFor = -1;
        try
        {
            while (!isDone())
            {
                if (next >= plan.Moments.Count)
                {
                    return WatchOutcome.HardStopped;
                }

                if (timerFor != next)
                {
                    timerCancel?.Cancel();
                    timerCancel?.Dispose();
                    timerCancel = new CancellationTokenSource();
                    timer = context.CreateTimer(plan.Moments[next].At, timerCancel.Token);
                    timerFor = next;
                }

                using var waitCancel = new CancellationTokenSource();
                var arrivals = eventNames.Select(name => context.WaitForExternalEvent<JsonElement>(name, waitCancel.Token)).ToList();
                Task winner = await Task.WhenAny([.. arrivals, timer!]);
                if (winner != timer)
                {
                    // Several events may arrive in one step: each waiter that already received one must be handled,
                    // or cancelling it would drop that event.
                    waitCancel.Cancel();
                    for (int i = 0; i < arrivals.Count; i++)
                    {
                        if (arrivals[i].IsCompletedSuccessfully)
                        {
                            await onEvent(eventNames[i], arrivals[i].Result);
                        }
                    }

                    continue;
                }

                waitCancel.Cancel();
                WatchMoment moment = plan.Moments[next++];
                await onMoment(moment);
                if (moment.Kind == MomentKind.HardStop)
                {
                    return isDone() ? WatchOutcome.Done : WatchOutcome.HardStopped;
                }
            }

            return WatchOutcome.Done;
        }
        finally
        {
            timerCancel?.Cancel();
            timerCancel?.Dispose();
        }
    }
}
