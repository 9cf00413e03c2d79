using Microsoft.DurableTask;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Deadlines;
using AnnualReview.Workflows.Rules;

namespace AnnualReview.Workflows.Orchestrators;

/// <summary>
/// Chi bộ: members' self-reviews (with reminders, escalation and hand-over), then the year-end meeting and its
/// vote, then the proposals go up to the grassroots organization.
/// </summary>
public sealed class CellOrchestrator : TaskOrchestrator<UnitInput, CellOutcome>
{
    public override async Task<CellOutcome> RunAsync(TaskOrchestrationContext context, UnitInput input)
    {
        var watch = new DeadlineWatch(context, input.Cycle.Clock);
        CellRoster roster = await context.CallActivityAsync<CellRoster>(WorkflowNames.LoadCell, input);
        CyclePlans plans = input.Cycle.Plans;
        var state = new CellState(roster, CycleRules.For(input.Cycle.RuleSetId));
        var selfReview = new StepActions(context, input, roster.Cell);
        var meeting = new StepActions(context, input, roster.Cell);
        var publisher = new CellPublisher(context, input, roster, state);

        await publisher.PublishAsync("self-review", selfReview);
        SubtreeStarts.Report(context);
        await watch.RunAsync(plans.SelfReview, [EventNames.SelfReviewSubmitted, EventNames.CollectiveReviewSubmitted, EventNames.MeetingOpened],
            (name, payload) => Applied(state, name, payload, publisher, "self-review"),
            () => state.MeetingOpen || (state.AllSubmitted && state.CollectiveVersions > 0),
            async moment =>
            {
                await selfReview.OnMomentAsync(moment, plans.SelfReview, SelfReviewOwners(state, roster), memberStep: true);
                if (moment.Kind == MomentKind.Due)
                {
                    state.MarkLate(Contracts.MemberStage.NotStarted);
                }

                if (moment is { Kind: MomentKind.Escalation, HandsOver: true })
                {
                    state.HandOver();
                }
                if (moment.Kind == MomentKind.HardStop)
                {
                    state.CloseNotSubmitted();
                }

                await publisher.PublishAsync("self-review", selfReview);
            });
        if (state.AllSubmitted)
        {
            await selfReview.ResolveLateAsync(plans.SelfReview);
        }

        var missing = state.Owners(Contracts.MemberStage.NotStarted);
        await meeting.NotifyAsync(Templates.MeetingCanBeHeld, roster.Cell.Unit.Id, roster.Cell.Unit.Email, new Dictionary<string, string>
        {
            ["unit"] = roster.Cell.Unit.Name,
            ["missing"] = string.Join(", ", missing.Select(m => m.Name)),
            ["due"] = plans.CellMeeting.Due.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }, "meeting");
        await publisher.PublishAsync("meeting", meeting);

        WatchOutcome held = await watch.RunAsync(plans.CellMeeting.WithEarlierClose(plans.SelfReview),
            [EventNames.SelfReviewSubmitted, EventNames.CollectiveReviewSubmitted, EventNames.MeetingOpened, EventNames.MeetingRecorded, EventNames.DeputyAssigned],
            async (name, payload) =>
            {
                string? deputy = state.Deputy;
                await Applied(state, name, payload, publisher, "meeting");
                if (state.Deputy is { } named && named != deputy)
                {
                    await NotifyDeputyAsync(meeting, roster, plans, named, payload);
                }
            },
            () => state.AllProposed,
            async moment =>
            {
                if (moment.Kind == MomentKind.CloseEarlierStep)
                {
                    // The self-review step's hard stop: whoever has still not submitted is closed as "not submitted".
                    await selfReview.OnMomentAsync(moment with { Kind = MomentKind.HardStop }, plans.SelfReview, state.Owners(Contracts.MemberStage.NotStarted), memberStep: true);
                    state.CloseNotSubmitted();
                    await publisher.PublishAsync("meeting", meeting);
                    return;
                }

                var owners = new List<(string, string?, string)> { (roster.Cell.Unit.Id, roster.Cell.Unit.Email, roster.Cell.Unit.Name) };
                await meeting.OnMomentAsync(moment, plans.CellMeeting, owners, memberStep: false);
                if (moment.Kind == MomentKind.Escalation)
                {
                    // Journey 3: the secretary is away; from now on a committee above may name a deputy to record the meeting.
                    state.MeetingEscalated = true;
                }

                if (moment.Kind == MomentKind.HardStop)
                {
                    state.CloseNotSubmitted();
                }

                await publisher.PublishAsync("meeting", meeting);
            });
        await meeting.ResolveLateAsync(plans.CellMeeting);
        await publisher.PublishAsync(held == WatchOutcome.Done ? "proposed" : "closed", meeting);

        return new CellOutcome(roster.Cell.Unit.Id, [.. state.Results.Values.OrderBy(r => r.MemberId, StringComparer.Ordinal)], state.MeetingRecorded, selfReview.Late || meeting.Late);
    }

    /// <summary>Tells the member named deputy that the meeting is theirs to hold and record.</summary>
    private static Task NotifyDeputyAsync(StepActions meeting, CellRoster roster, CyclePlans plans, string memberId, System.Text.Json.JsonElement payload)
    {
        Assessment.Model.Member member = roster.Members.First(m => m.Member.Id == memberId).Member;
        string by = payload.TryGetProperty("assignedBy", out System.Text.Json.JsonElement value) ? value.GetString() ?? "" : "";
        return meeting.NotifyAsync(Templates.DeputyAssigned, member.Id, member.Email, new Dictionary<string, string>
        {
            ["unit"] = roster.Cell.Unit.Name,
            ["step"] = "CellMeeting",
            ["by"] = by,
            ["due"] = plans.CellMeeting.Due.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }, "deputy|" + memberId);
    }

    /// <summary>Who still owes the self-review step: members who have not submitted, and the cell itself until its collective review is in.</summary>
    private static IReadOnlyList<(string Id, string? Email, string Name)> SelfReviewOwners(CellState state, CellRoster roster)
        => state.CollectiveVersions > 0
            ? state.Owners(Contracts.MemberStage.NotStarted)
            : [.. state.Owners(Contracts.MemberStage.NotStarted), (roster.Cell.Unit.Id, roster.Cell.Unit.Email, roster.Cell.Unit.Name)];

    private static async Task Applied(CellState state, string name, System.Text.Json.JsonElement payload, CellPublisher publisher, string stage)
    {
        state.Apply(name, payload);
        publisher.MarkDirty(stage);
        await Task.CompletedTask;
    }
}
