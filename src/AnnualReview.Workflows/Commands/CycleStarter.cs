using AnnualReview.Assessment.Cycle;
using AnnualReview.Assessment.Rules;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Deadlines;
using AnnualReview.Workflows.Storage;
using AnnualReview.Workflows.Timing;

namespace AnnualReview.Workflows.Commands;

/// <summary>The result of asking to start a cycle: its id, or every problem with the definition.</summary>
public sealed record CycleStartResult(string? CycleId, IReadOnlyList<ValidationError> Errors)
{
    public const string ExistsCode = "CycleExists";

    public bool Started => CycleId is not null && !Exists;

    /// <summary>Another request started this cycle already (a retry of the same request is started, not this).</summary>
    public bool Exists { get; init; }

    public static CycleStartResult AlreadyStarted(string cycleId) => new(cycleId, [new(ExistsCode, "year",
        $"Đợt {cycleId} đã được bắt đầu (đang chạy hoặc đã kết thúc); không bắt đầu lại.",
        $"Cycle {cycleId} has already been started (running or ended); it is not started again.")])
    { Exists = true };
}

/// <summary>
/// Starts a cycle: validates its definition (the domain), pins the rule set and computes every step's dated
/// plan once, so the running cycle never reads rules or configuration again.
/// </summary>
public sealed class CycleStarter(DurableTaskClient client, CycleRegistry registry, TimeProvider clock)
{
    /// <summary>The version of the orchestrations new cycles run (a test of a redeploy starts one on a newer version).</summary>
    public string WorkflowVersion { get; init; } = WorkflowRegistration.CurrentVersion;

    public static string CycleIdFor(CycleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return $"cycle-{definition.Year}-{definition.RootUnitId}";
    }

    public Task<CycleStartResult> StartAsync(CycleDefinition definition, string? cycleId, CancellationToken cancellation)
        => StartAsync(definition, cycleId, null, cancellation);

    /// <summary>
    /// Starts the cycle once: a cycle that exists (running or ended) is refused, unless <paramref name="request"/> is
    /// the request that started it (a client's retry after a crash gets the same answer); a cycle whose members could
    /// no longer submit is refused before anything is written.
    /// </summary>
    public async Task<CycleStartResult> StartAsync(CycleDefinition definition, string? cycleId, CommandRequest? request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(definition);
        IReadOnlyList<ValidationError> errors = CycleDefinitionValidator.Validate(definition);
        if (errors.Count > 0)
        {
            return new CycleStartResult(null, errors);
        }

        string id = cycleId ?? CycleIdFor(definition);
        (bool exists, string? startedBy) = await registry.StartedByAsync(id, cancellation);
        bool retry = exists && request is not null && string.Equals(startedBy, request.Key, StringComparison.Ordinal);
        if (exists && !retry)
        {
            return CycleStartResult.AlreadyStarted(id);
        }

        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(definition.TimeZoneId);
        IReadOnlyList<ValidationError> passed = retry ? [] : CycleDefinitionValidator.ValidateNotPassed(definition, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime));
        if (passed.Count > 0)
        {
            return new CycleStartResult(null, passed);
        }

        CycleInput input = InputFor(definition, id) with { Clock = CycleClockOf(clock) };
        input = input with { WorkflowVersion = WorkflowVersion };
        if (!await registry.AddAsync(input, request?.Key, cancellation))
        {
            return CycleStartResult.AlreadyStarted(id);
        }

        await IdempotentStart.ScheduleAsync(client, WorkflowNames.Of(WorkflowNames.Cycle, WorkflowVersion), input, CycleInstanceIds.Cycle(id), cancellation);
        Telemetry.WorkflowMetrics.CycleStarted(input);
        return new CycleStartResult(id, []);
    }

    /// <summary>The mapping a cycle started now pins: the scaled clock's, or real time.</summary>
    public static CycleClock CycleClockOf(TimeProvider clock) => clock is ScaledTimeProvider scaled ? scaled.Clock : CycleClock.Real;

    public static CycleInput InputFor(CycleDefinition definition, string cycleId)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var plans = new CyclePlans(
            PlanFor(definition, CycleStep.SelfReview),
            PlanFor(definition, CycleStep.CellMeeting),
            PlanFor(definition, CycleStep.GrassrootsDecision),
            PlanFor(definition, CycleStep.CommitteeDecision));
        return new CycleInput(cycleId, definition.Year, definition.RootUnitId, definition.RuleSetId, definition.TimeZoneId, plans)
        {
            Overrides = [.. definition.Overrides.Where(o => o.Step != CycleStep.BoardReport).Select(o => new PlanOverride(o.UnitId, PlanFor(definition, o.Step, o.UnitId)))],
            AdmissionReferenceDate = AdmissionReferenceFor(definition),
        };
    }

    /// <summary>The cycle's admission reference date, or the rule set's in the cycle's year: pinned, like the rules.</summary>
    public static DateOnly AdmissionReferenceFor(CycleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.AdmissionReferenceDate ?? RuleSetLoader.Load(definition.RuleSetId).Eligibility.AdmissionReference.Value.In(definition.Year);
    }

    /// <summary>A step's dated plan, for the whole cycle or (with <paramref name="unitId"/>) for a unit with its own dates.</summary>
    public static StepPlan PlanFor(CycleDefinition definition, CycleStep step, string? unitId = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        DateOnly dueDate = definition.DueDateFor(step, unitId);
        IReadOnlyList<DeadlineMoment> moments = DeadlinePlan.For(dueDate, definition);
        DateTime due = moments.First(m => m.Kind == DeadlineMomentKind.Due).At.UtcDateTime;

        // Each step closes when the next step falls due (the last at the cycle's hard stop), so one person who
        // never submits cannot hold the cell, the organization or the cycle past the next deadline. A unit whose
        // own date runs past the cycle's next step has nothing later dated for it, so it closes at the hard stop.
        CycleStep? next = step switch
        {
            CycleStep.SelfReview => CycleStep.CellMeeting,
            CycleStep.CellMeeting => CycleStep.GrassrootsDecision,
            CycleStep.GrassrootsDecision => CycleStep.CommitteeDecision,
            _ => null,
        };
        DateTime hardStop = moments[^1].At.UtcDateTime;
        DateTime? nextDue = next is { } following
            ? DeadlinePlan.EndOfDay(definition.DueDateFor(following, unitId), TimeZoneInfo.FindSystemTimeZoneById(definition.TimeZoneId)).UtcDateTime
            : null;
        DateTime close = nextDue is { } falls && falls >= due ? falls : hardStop;
        List<WatchMoment> watch = [.. moments.Where(m => m.Kind != DeadlineMomentKind.HardStop && m.At.UtcDateTime < close).Select(ToWatch)];
        watch.Add(new WatchMoment(close, MomentKind.HardStop));
        return new StepPlan(step.ToString(), due, watch);
    }

    private static WatchMoment ToWatch(DeadlineMoment moment) => new(moment.At.UtcDateTime, moment.Kind switch
    {
        DeadlineMomentKind.Reminder => MomentKind.Reminder,
        DeadlineMomentKind.Due => MomentKind.Due,
        DeadlineMomentKind.Escalation => MomentKind.Escalation,
        _ => MomentKind.HardStop,
    })
    {
        Before = moment.Kind == DeadlineMomentKind.Reminder ? moment.Offset : TimeSpan.Zero,
        Rung = moment.Rung,
        Target = moment.Target switch
        {
            Assessment.Cycle.EscalationTarget.Supervisor => Deadlines.EscalationTarget.Supervisor,
            Assessment.Cycle.EscalationTarget.SuperiorCommittee => Deadlines.EscalationTarget.SuperiorCommittee,
            Assessment.Cycle.EscalationTarget.OrganizationBoard => Deadlines.EscalationTarget.OrganizationBoard,
            _ => null,
        },
        HandsOver = moment.HandsOver,
    };
}
