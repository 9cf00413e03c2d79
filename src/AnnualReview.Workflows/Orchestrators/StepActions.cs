using System.Globalization;
using AnnualReview.Assessment.Model;
using Microsoft.DurableTask;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Deadlines;

namespace AnnualReview.Workflows.Orchestrators;

/// <summary>
/// What an orchestration does at the moments of a step's deadline plan: remind, mark late, escalate,
/// close. Deterministic orchestrator code; every effect goes through an activity.
/// </summary>
internal sealed class StepActions(TaskOrchestrationContext context, UnitInput input, UnitContext unit)
{
    private readonly List<DateTime> _reminded = [];
    private readonly List<string> _escalatedTo = [];

    public string CycleId => input.Cycle.CycleId;

    public bool Late { get; private set; }

    public int Escalations => _escalatedTo.Count;

    /// <summary>Who the ladder's rung means for this unit (for a member's step: the cell is the supervisor).</summary>
    public Unit? RecipientOf(EscalationTarget target, bool memberStep) => target switch
    {
        EscalationTarget.Supervisor => memberStep ? unit.Unit : Ancestor(0),
        EscalationTarget.SuperiorCommittee => memberStep ? Ancestor(0) : Ancestor(1) ?? Ancestor(0),
        _ => unit.Board,
    };

    private Unit? Ancestor(int index) => index < unit.Ancestors.Count ? unit.Ancestors[index] : null;

    /// <summary>
    /// Handles one moment. <paramref name="owners"/> are those who still owe the step (members, or the unit itself),
    /// as (recipient id, email, name).
    /// </summary>
    public async Task OnMomentAsync(WatchMoment moment, StepPlan plan, IReadOnlyList<(string Id, string? Email, string Name)> owners, bool memberStep)
    {
        if (owners.Count == 0)
        {
            return;
        }

        var data = new Dictionary<string, string>
        {
            ["step"] = plan.Step,
            ["unit"] = unit.Unit.Name,
            ["due"] = plan.Due.ToString("O", CultureInfo.InvariantCulture),
            ["pending"] = owners.Count.ToString(CultureInfo.InvariantCulture),
        };
        var requests = new List<NotificationRequest>();
        switch (moment.Kind)
        {
            case MomentKind.Reminder:
                _reminded.Add(moment.At);
                data["daysBefore"] = ((int)Math.Round(moment.Before.TotalDays)).ToString(CultureInfo.InvariantCulture);
                requests.AddRange(owners.Select(o => Request(Templates.Reminder, moment, o.Id, o.Email, data)));
                break;
            case MomentKind.Due:
                Late = true;
                requests.AddRange(owners.Select(o => Request(Templates.Overdue, moment, o.Id, o.Email, data)));
                break;
            case MomentKind.Escalation:
                Unit? target = RecipientOf(moment.Target ?? EscalationTarget.Supervisor, memberStep);
                if (target is not null)
                {
                    _escalatedTo.Add($"{moment.Target}:{target.Id}");
                    data["missing"] = string.Join(", ", owners.Select(o => o.Name).Take(50));
                    data["rung"] = moment.Rung.ToString(CultureInfo.InvariantCulture);
                    data["handsOver"] = moment.HandsOver ? "true" : "false";
                    requests.Add(Request(Templates.Escalation, moment, target.Id, target.Email, data));
                }

                break;
            case MomentKind.HardStop:
                requests.AddRange(owners.Select(o => Request(Templates.ClosedNotSubmitted, moment, o.Id, o.Email, data)));
                break;
        }

        if (requests.Count > 0)
        {
            await context.CallActivityAsync<int>(WorkflowNames.Notify, requests);
        }

        if (moment.Kind is MomentKind.Due or MomentKind.Escalation or MomentKind.HardStop)
        {
            await context.CallActivityAsync<bool>(WorkflowNames.RecordLate, LateEntryFor(plan, owners.Count, resolved: false));
        }
    }

    /// <summary>Marks a late step as resolved in the late list once it is done.</summary>
    public async Task ResolveLateAsync(StepPlan plan)
    {
        if (Late)
        {
            await context.CallActivityAsync<bool>(WorkflowNames.RecordLate, LateEntryFor(plan, 0, resolved: true));
        }
    }

    public Task NotifyAsync(string template, string recipientId, string? email, IReadOnlyDictionary<string, string> data, string discriminator)
        => context.CallActivityAsync<int>(WorkflowNames.Notify, new List<NotificationRequest> { Request(template, discriminator, recipientId, email, data) });

    public NotificationRequest Request(string template, string discriminator, string recipientId, string? email, IReadOnlyDictionary<string, string> data)
        => new($"{context.InstanceId}|{template}|{discriminator}|{recipientId}", recipientId, template, data)
        {
            Email = email,
            CycleId = CycleId,
            InstanceId = context.InstanceId,
            CreatedAt = input.Cycle.Clock.Now(context),
        };

    private NotificationRequest Request(string template, WatchMoment moment, string recipientId, string? email, IReadOnlyDictionary<string, string> data)
        => Request(template, moment.At.Ticks.ToString(CultureInfo.InvariantCulture), recipientId, email, data);

    private LateEntry LateEntryFor(StepPlan plan, int pending, bool resolved) => new(CycleId, unit.Unit.Id, unit.Unit.Name, plan.Step, plan.Due)
    {
        RemindedAt = [.. _reminded],
        EscalatedTo = [.. _escalatedTo],
        PendingCount = pending,
        ResolvedAt = resolved ? input.Cycle.Clock.Now(context) : null,
        UpdatedAt = input.Cycle.Clock.Now(context),
    };
}
