using System.Text.Json;
using AnnualReview.Workflows.Timing;
using Microsoft.DurableTask;

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
/// time (the next moment), however many events arrive, so a busy step does not pile up timers. One watch serves
/// all of an orchestration's steps, so events that come between two steps wait in its inbox.
/// </summary>
public sealed class DeadlineWatch(TaskOrchestrationContext context, CycleClock clock)
{
    private readonly EventInbox _inbox = new(context);
    private readonly HashSet<string> _requests = new(StringComparer.Ordinal);

    /// <summary>Watches one step: <c>eventNames</c> are the events it accepts, each handed over as its JSON payload.</summary>
    public async Task<WatchOutcome> RunAsync(
        StepPlan plan,
        IReadOnlyList<string> eventNames,
        Func<string, JsonElement, Task> onEvent,
        Func<bool> isDone,
        Func<WatchMoment, Task> onMoment)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(eventNames);
        ArgumentNullException.ThrowIfNull(onEvent);
        ArgumentNullException.ThrowIfNull(isDone);
        ArgumentNullException.ThrowIfNull(onMoment);
        int next = 0;
        while (next < plan.Moments.Count && plan.Moments[next].At <= clock.Now(context))
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
                    timer = clock.TimerAsync(context, plan.Moments[next].At, timerCancel.Token);
                    timerFor = next;
                }

                Task winner = await Task.WhenAny([.. eventNames.Select(_inbox.Next), timer!]);
                if (winner != timer)
                {
                    foreach (string name in eventNames)
                    {
                        if (_inbox.TryTake(name, out JsonElement payload) && FirstDelivery(payload))
                        {
                            await onEvent(name, payload);
                        }
                    }

                    continue;
                }

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

    /// <summary>A person's request delivered twice (a client's retry after a crash) is applied the first time only.</summary>
    private bool FirstDelivery(JsonElement payload)
        => payload.ValueKind != JsonValueKind.Object
            || !payload.TryGetProperty("requestId", out JsonElement id)
            || id.ValueKind != JsonValueKind.String
            || _requests.Add(id.GetString()!);
}
