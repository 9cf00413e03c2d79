using System.Diagnostics.Metrics;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Workflows.Telemetry;

/// <summary>
/// The review's business counters, on the <see cref="MeterName"/> meter. Plain System.Diagnostics.Metrics, so
/// the workflows stay free of any exporter; the app decides where they go. Activities may run more than once
/// (retries, redelivery), so counts from activities are writes attempted, an upper bound of what happened.
/// </summary>
public static class WorkflowMetrics
{
    public const string MeterName = "AnnualReview";

    private static readonly Meter Meter = new(MeterName);

    public static Counter<long> CyclesStarted { get; } = Meter.CreateCounter<long>("annualreview.cycles.started", "{cycle}", "Review cycles started.");

    public static Counter<long> StepsCompleted { get; } = Meter.CreateCounter<long>("annualreview.steps.completed", "{step}", "Unit progress recorded at a step transition or deadline moment.");

    public static Counter<long> RemindersSent { get; } = Meter.CreateCounter<long>("annualreview.reminders.sent", "{notification}", "Reminders and overdue notices written to the outbox.");

    public static Counter<long> Escalations { get; } = Meter.CreateCounter<long>("annualreview.escalations", "{notification}", "Escalations written to the outbox.");

    public static Counter<long> LateReports { get; } = Meter.CreateCounter<long>("annualreview.late_reports", "{report}", "Late reports recorded (opened or resolved).");

    public static void CycleStarted(CycleInput input)
        => CyclesStarted.Add(1, new KeyValuePair<string, object?>("rule_set", input?.RuleSetId));

    /// <summary>Counts the reminders and escalations among notifications just written.</summary>
    public static void Notified(IEnumerable<NotificationRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var byTemplate in requests.GroupBy(r => r.Template, StringComparer.Ordinal))
        {
            var tag = new KeyValuePair<string, object?>("template", byTemplate.Key);
            switch (byTemplate.Key)
            {
                case Templates.Reminder or Templates.Overdue:
                    RemindersSent.Add(byTemplate.Count(), tag);
                    break;
                case Templates.Escalation:
                    Escalations.Add(byTemplate.Count(), tag);
                    break;
            }
        }
    }

    public static void StepRecorded(ProgressRow row)
        => StepsCompleted.Add(1, new KeyValuePair<string, object?>("unit_kind", row?.Kind.ToString()), new KeyValuePair<string, object?>("stage", row?.Stage));

    public static void LateRecorded(LateEntry entry)
        => LateReports.Add(1, new KeyValuePair<string, object?>("step", entry?.Step), new KeyValuePair<string, object?>("resolved", entry?.ResolvedAt is not null));
}
