using AnnualReview.Assessment.Model;
using Microsoft.DurableTask;
using AnnualReview.Workflows.Contracts;

namespace AnnualReview.Workflows.Orchestrators;

/// <summary>
/// Keeps a cell's read models and custom status current. The custom status changes with every event (it is
/// part of the step's commit, so free); the read model rows are written at transitions and deadline moments,
/// which bounds their cost per cell instead of paying one write per submission.
/// </summary>
internal sealed class CellPublisher(TaskOrchestrationContext context, UnitInput input, CellRoster roster, CellState state)
{
    public void MarkDirty(string stage) => context.SetCustomStatus(Status(stage));

    public async Task PublishAsync(string stage, StepActions actions)
    {
        context.SetCustomStatus(Status(stage));
        var members = state.Results.Values.OrderBy(r => r.MemberId, StringComparer.Ordinal).ToList();
        await context.CallActivityAsync<bool>(WorkflowNames.RecordMemberStages, new MemberStageRows(
            input.Cycle.CycleId, roster.Cell.Unit.Id, input.Cycle.Plans.SelfReview.Due, input.Cycle.Plans.CellMeeting.Due, members, input.Cycle.Clock.Now(context)));
        await context.CallActivityAsync<bool>(WorkflowNames.RecordProgress, new ProgressRow(
            input.Cycle.CycleId, roster.Cell.Unit.Id, roster.Cell.Unit.Name, roster.Cell.Unit.Kind, roster.Cell.Unit.ParentId, stage)
        {
            Members = members.Count,
            ByStage = members.GroupBy(m => m.Stage).ToDictionary(g => g.Key, g => g.Count()),
            ByLevel = members.Where(m => m.Proposed is not null).GroupBy(m => m.Proposed!.Value).ToDictionary(g => g.Key, g => g.Count()),
            LateCount = members.Count(m => m.Late),
            Escalations = actions.Escalations,
            MembersRemedy = state.MembersRemedy,
            OwnRemedy = state.OwnRemedy,
            UpdatedAt = input.Cycle.Clock.Now(context),
        });
    }

    public object Status(string stage) => new
    {
        stage,
        members = state.Results.Count,
        submitted = state.Results.Values.Count(r => r.Stage is MemberStage.Submitted or MemberStage.Proposed),
        notSubmitted = state.Results.Values.Count(r => r.Stage == MemberStage.NotSubmitted),
        proposed = state.Results.Values.Count(r => r.Stage == MemberStage.Proposed),
        notRated = state.Results.Values.Count(r => r.Stage == MemberStage.NotRated),
        collectiveVersions = state.CollectiveVersions,
        meetingOpen = state.MeetingOpen,
        handedOver = state.HandedOver,
        // Read by the API and the pages to let the secretary submit for exactly these members.
        handedOverMembers = state.HandedOverMembers.ToList(),
        // Read by the API and the pages: after escalation a committee names a deputy, who may then act for the cell.
        meetingEscalated = state.MeetingEscalated,
        deputy = state.Deputy,
        refusals = state.Refusals.TakeLast(5).ToList(),
        levels = state.Results.Values.Where(r => r.Proposed is not null).GroupBy(r => r.Proposed!.Value).ToDictionary(g => g.Key.ToString(), g => g.Count()),
    };
}
