using AnnualReview.Assessment.Shortcomings;
using System.Text.Json;
using AnnualReview.Assessment.Model;
using Microsoft.DurableTask;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Rules;

namespace AnnualReview.Workflows.Orchestrators;

/// <summary>
/// A cell's members through self-review and the meeting, as the cell's orchestration sees them. Members are
/// state inside the cell's orchestration (one history per cell, not per member); each member's events are
/// still told apart in that history by their member id.
/// </summary>
internal sealed class CellState(CellRoster roster, CycleRules rules)
{
    private readonly Dictionary<string, CellMember> _members = roster.Members.ToDictionary(m => m.Member.Id, StringComparer.Ordinal);

    public Dictionary<string, MemberResult> Results { get; } = roster.Members.ToDictionary(
        m => m.Member.Id,
        m => new MemberResult(m.Member.Id, roster.Cell.Unit.Id, m.QuotaGroup)
        {
            Stage = m.Eligibility.Rated ? MemberStage.NotStarted : MemberStage.NotRated,
            Reason = m.Eligibility.Reason,
        },
        StringComparer.Ordinal);

    public bool MeetingOpen { get; private set; }

    /// <summary>The collective review (Mẫu 01): the meeting discusses it first, so it must be in before the meeting is recorded.</summary>
    public int CollectiveVersions { get; private set; }

    public bool MeetingRecorded { get; private set; }

    /// <summary>After the first escalation that hands over, the secretary may record for a member.</summary>
    public bool HandedOver { get; private set; }

    /// <summary>The members who had submitted nothing when the step was handed over: the ones the secretary acts for.</summary>
    public SortedSet<string> HandedOverMembers { get; } = new(StringComparer.Ordinal);

    /// <summary>Hands the step over to the secretary for everyone still missing; a later rung adds whoever is still missing then.</summary>
    public void HandOver()
    {
        HandedOver = true;
        HandedOverMembers.UnionWith(Pending(MemberStage.NotStarted).Select(r => r.MemberId));
    }

    /// <summary>The meeting was escalated up the tree: from then on a committee above may name a deputy to record it.</summary>
    public bool MeetingEscalated { get; set; }

    /// <summary>The member named to record the meeting in the secretary's place, or null.</summary>
    public string? Deputy { get; private set; }

    public List<string> Refusals { get; } = [];

    /// <summary>Each member's count of last year's shortcomings, from the version the cell took last.</summary>
    private readonly Dictionary<string, RemedyTally> _remedies = new(StringComparer.Ordinal);

    /// <summary>The members' counts added up; null when no version carried one.</summary>
    public RemedyTally? MembersRemedy => _remedies.Count == 0 ? null : _remedies.Values.Aggregate(RemedyTally.None, (sum, r) => sum + r);

    /// <summary>The cell's own count, from its latest collective report; null when not counted.</summary>
    public RemedyTally? OwnRemedy { get; private set; }

    public bool AllSubmitted => Results.Values.All(r => r.Stage != MemberStage.NotStarted);

    /// <summary>Done when the meeting is recorded and every rated member is proposed or closed (absentees are rated in a supplementary record).</summary>
    public bool AllProposed => MeetingRecorded && Results.Values.All(r => r.Stage is MemberStage.Proposed or MemberStage.NotSubmitted or MemberStage.NotRated);

    public IEnumerable<MemberResult> Pending(MemberStage stage) => Results.Values.Where(r => r.Stage == stage);

    public IReadOnlyList<(string Id, string? Email, string Name)> Owners(MemberStage stage)
        => [.. Pending(stage).Select(r => (r.MemberId, _members[r.MemberId].Member.Email, _members[r.MemberId].Member.FullName))];

    public void Apply(string eventName, JsonElement payload)
    {
        switch (eventName)
        {
            case EventNames.SelfReviewSubmitted:
                Submit(payload.Deserialize<SelfReviewSubmitted>(WorkflowJson.Options)!);
                break;
            case EventNames.CollectiveReviewSubmitted:
                CollectiveReviewSubmitted collective = payload.Deserialize<CollectiveReviewSubmitted>(WorkflowJson.Options)!;
                if (collective.Version >= CollectiveVersions)
                {
                    OwnRemedy = collective.Remedy ?? OwnRemedy;
                }

                CollectiveVersions = Math.Max(CollectiveVersions, collective.Version);
                break;
            case EventNames.MeetingOpened:
                MeetingOpen = true;
                break;
            case EventNames.MeetingRecorded:
                Record(payload.Deserialize<MeetingRecorded>(WorkflowJson.Options)!);
                break;
            case EventNames.DeputyAssigned:
                AssignDeputy(payload.Deserialize<DeputyAssigned>(WorkflowJson.Options)!);
                break;
        }
    }

    public void CloseNotSubmitted()
    {
        foreach (MemberResult pending in Pending(MemberStage.NotStarted).ToList())
        {
            Results[pending.MemberId] = pending with { Stage = MemberStage.NotSubmitted, Late = true };
        }
    }

    public void MarkLate(MemberStage stage)
    {
        foreach (MemberResult pending in Pending(stage).ToList())
        {
            Results[pending.MemberId] = pending with { Late = true };
        }
    }

    private void Submit(SelfReviewSubmitted submitted)
    {
        if (!Results.TryGetValue(submitted.MemberId, out MemberResult? current)
            || (current.Stage == MemberStage.NotRated && !_members[submitted.MemberId].Eligibility.Reviewed))
        {
            Refusals.Add($"{submitted.MemberId}: Đảng viên không thuộc diện kiểm điểm ở chi bộ này. / Not a reviewed member of this cell.");
            return;
        }

        // Reviewed but not rated (admitted under 6 months): the review is kept, no vote or level is awaited.
        if (current.Stage == MemberStage.NotRated)
        {
            KeepRemedy(submitted, current);
            Results[submitted.MemberId] = current with { Versions = Math.Max(current.Versions, submitted.Version), SelfRating = submitted.SelfRating };
            return;
        }

        // The secretary submits only for a member the step was handed over for, whatever door the event came through.
        if (submitted.SubmittedBy != submitted.MemberId && !HandedOverMembers.Contains(submitted.MemberId))
        {
            Refusals.Add($"{submitted.MemberId}: Nộp thay khi việc nộp chưa được giao lại cho bí thư. / Submitted by {submitted.SubmittedBy} before the step was handed over.");
            return;
        }

        // Resubmission is allowed until the meeting opens; a first submission is accepted later (rated afterwards).
        bool first = current.Stage is MemberStage.NotStarted or MemberStage.NotSubmitted;
        if (!first && (MeetingOpen || current.Stage != MemberStage.Submitted))
        {
            Refusals.Add($"{submitted.MemberId}: Bản lần {submitted.Version} bị từ chối vì cuộc họp đã khai mạc. / Version {submitted.Version} refused, the meeting has opened.");
            return;
        }

        KeepRemedy(submitted, current);
        Results[submitted.MemberId] = current with
        {
            Stage = MemberStage.Submitted,
            Versions = Math.Max(current.Versions, submitted.Version),
            SelfRating = submitted.SelfRating,
        };
    }

    /// <summary>The latest version's count stands for the member (an older version delivered late does not replace it).</summary>
    private void KeepRemedy(SelfReviewSubmitted submitted, MemberResult current)
    {
        if (submitted.Remedy is { } remedy && submitted.Version >= current.Versions)
        {
            _remedies[submitted.MemberId] = remedy;
        }
    }

    private void AssignDeputy(DeputyAssigned assigned)
    {
        if (!MeetingEscalated || MeetingRecorded)
        {
            Refusals.Add($"{assigned.MemberId}: Chỉ giao người ghi biên bản thay khi cuộc họp đã trễ và được báo cáo lên, trước khi có biên bản. / A deputy is named only after the meeting was escalated and before it is recorded.");
            return;
        }

        if (!_members.ContainsKey(assigned.MemberId))
        {
            Refusals.Add($"{assigned.MemberId}: Người được giao không phải đảng viên của chi bộ. / The deputy is not a member of this cell.");
            return;
        }

        Deputy = assigned.MemberId;
    }

    private void Record(MeetingRecorded meeting)
    {
        if (CollectiveVersions == 0)
        {
            Refusals.Add("collective: Chi bộ chưa nộp báo cáo kiểm điểm tập thể (Mẫu 01). / The cell's collective review (form 01) must come before the meeting.");
            return;
        }

        IReadOnlyList<string> errors = rules.ValidateMeeting(meeting, roster.Members, Results);
        if (errors.Count > 0)
        {
            Refusals.AddRange(errors);
            return;
        }

        MeetingOpen = true;
        MeetingRecorded = true;
        foreach (MemberTally tally in meeting.Tallies)
        {
            MemberResult current = Results[tally.MemberId];
            RatingLevel proposed = rules.ProposedLevel(tally, meeting, _members[tally.MemberId].Eligibility);
            Results[tally.MemberId] = current with { Stage = MemberStage.Proposed, Proposed = proposed, Tally = tally };
        }
    }
}
