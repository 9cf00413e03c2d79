using AnnualReview.Assessment.Shortcomings;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rules;
using AnnualReview.Workflows.Rules;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Workflows.Commands;

/// <summary>The stored version, or why the self-review was refused.</summary>
public sealed record SubmitResult(SelfReviewVersion? Version, IReadOnlyList<ValidationError> Errors);

/// <summary>An attachment as received, before it is stored.</summary>
public sealed record AttachmentUpload(string FileName, string ContentType, byte[] Content);

/// <summary>
/// What people do during a cycle, turned into stored data and events on the right orchestration: members
/// submit, secretaries open and record meetings, committees appraise and rate. Authorization and input
/// checks happen before these are called (in the app); the orchestrations check the rules again.
/// </summary>
public sealed class ReviewCommands(DurableTaskClient client, AssessmentStorage storage, TimeProvider clock, IRaisedEvents? raised = null, IRemedyCounter? remedies = null)
{
    /// <summary>
    /// Checks the form, stores a new self-review version with its attachments, then tells the member's cell.
    /// A form with errors stores nothing and raises nothing. The same <paramref name="request"/> again stores
    /// nothing new and tells the cell again (the cell takes a version it has seen once).
    /// </summary>
    public async Task<SubmitResult> SubmitSelfReviewAsync(
        string cycleId, string ruleSetId, Member member, string form, IReadOnlyDictionary<string, string> sections, RatingLevel selfRating,
        IReadOnlyList<AttachmentUpload> attachments, string submittedBy, CommandRequest? request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(attachments);
        IReadOnlyList<ValidationError> errors = SelfReviewForm.Validate(CycleRules.For(ruleSetId).RuleSet, member, form, sections);
        if (errors.Count > 0)
        {
            return new SubmitResult(null, errors);
        }

        var submissions = new SubmissionStore(storage);
        var stored = new List<StoredAttachment>();
        foreach (AttachmentUpload upload in attachments)
        {
            stored.Add(await submissions.StoreAttachmentAsync(cycleId, member.Id, upload.FileName, upload.ContentType, upload.Content, cancellation));
        }

        DateTime now = clock.GetUtcNow().UtcDateTime;
        SelfReviewVersion version = await submissions.AddVersionAsync(
            new SelfReviewVersion(cycleId, member.Id, 1, form, sections, selfRating, stored, submittedBy, now), request?.Key, cancellation);
        RemedyTally? remedy = remedies is null ? null : await remedies.CountAsync(cycleId, member.Id, sections, cancellation);
        await RaiseOnceAsync(CycleInstanceIds.Unit(cycleId, member.CellId), EventNames.SelfReviewSubmitted,
            new SelfReviewSubmitted(member.Id, version.Version, selfRating, submittedBy, version.SubmittedAt) { RequestId = request?.Key, Remedy = remedy }, request, cancellation);
        return new SubmitResult(version, []);
    }

    /// <summary>
    /// Stores a version of the cell's collective review (Mẫu 01), checked against the rule set's collective form,
    /// and tells the cell. Its versions are kept like members' ones, under the cell's id.
    /// </summary>
    public async Task<SubmitResult> SubmitCollectiveReviewAsync(string cycleId, string ruleSetId, string cellId, IReadOnlyDictionary<string, string> sections, string submittedBy, CommandRequest? request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var form = CycleRules.For(ruleSetId).RuleSet.CollectiveForm;
        var known = form.Parts.SelectMany(p => p.Sections).Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        List<ValidationError> errors = [.. sections.Keys.Where(code => known.Count > 0 && !known.Contains(code))
            .Select(code => new ValidationError("UnknownSection", $"sections.{code}", $"Mẫu {form.Code} không có mục {code}.", $"Form {form.Code} has no section {code}."))];
        if (sections.Count == 0 || sections.Values.All(string.IsNullOrWhiteSpace))
        {
            errors.Add(new ValidationError("EmptyReport", "sections", "Báo cáo kiểm điểm tập thể còn trống.", "The collective review is empty."));
        }

        if (errors.Count > 0)
        {
            return new SubmitResult(null, errors);
        }

        DateTime now = clock.GetUtcNow().UtcDateTime;
        SelfReviewVersion version = await new SubmissionStore(storage).AddVersionAsync(
            new SelfReviewVersion(cycleId, CollectiveReview.Id(cellId), 1, form.Code, sections, RatingLevel.Good, [], submittedBy, now), request?.Key, cancellation);
        RemedyTally? remedy = remedies is null ? null : await remedies.CountAsync(cycleId, CollectiveReview.Id(cellId), sections, cancellation);
        await RaiseOnceAsync(CycleInstanceIds.Unit(cycleId, cellId), EventNames.CollectiveReviewSubmitted,
            new CollectiveReviewSubmitted(version.Version, submittedBy, version.SubmittedAt) { RequestId = request?.Key, Remedy = remedy }, request, cancellation);
        return new SubmitResult(version, []);
    }

    public Task OpenMeetingAsync(string cycleId, string cellId, string openedBy, CommandRequest? request, CancellationToken cancellation)
        => RaiseOnceAsync(CycleInstanceIds.Unit(cycleId, cellId), EventNames.MeetingOpened, new MeetingOpened(openedBy) { RequestId = request?.Key }, request, cancellation);

    public Task AssignDeputyAsync(string cycleId, string cellId, DeputyAssigned assigned, CommandRequest? request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(assigned);
        return RaiseOnceAsync(CycleInstanceIds.Unit(cycleId, cellId), EventNames.DeputyAssigned, assigned with { RequestId = request?.Key }, request, cancellation);
    }

    public Task RecordMeetingAsync(string cycleId, string cellId, MeetingRecorded meeting, CommandRequest? request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return RaiseOnceAsync(CycleInstanceIds.Unit(cycleId, cellId), EventNames.MeetingRecorded, meeting with { RequestId = request?.Key }, request, cancellation);
    }

    public Task SubmitAppraisalAsync(string cycleId, string grassrootsId, AppraisalSubmitted appraisal, CommandRequest? request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(appraisal);
        return RaiseOnceAsync(CycleInstanceIds.Unit(cycleId, grassrootsId), EventNames.Appraisal, appraisal with { RequestId = request?.Key }, request, cancellation);
    }

    public Task RateOrganizationsAsync(string cycleId, string committeeId, OrganizationsRated rating, CommandRequest? request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(rating);
        return RaiseOnceAsync(CycleInstanceIds.Unit(cycleId, committeeId), EventNames.OrganizationsRated, rating with { RequestId = request?.Key }, request, cancellation);
    }

    /// <summary>
    /// Whether an earlier attempt of this request already raised its event. The step may have moved on because of
    /// it (a finalized appraisal, a recorded meeting), so a retry whose first attempt died after raising is answered
    /// as that attempt would have been, instead of being told the step is closed.
    /// </summary>
    public async Task<bool> AlreadyRaisedAsync(string instanceId, string eventName, CommandRequest? request, CancellationToken cancellation)
        => request is { MayHaveRun: true } && raised is not null && await raised.ContainsAsync(instanceId, eventName, request.Key, cancellation);

    /// <summary>
    /// Raises a person's event. A retry of a request whose first attempt may have raised it already looks in the
    /// instance's history first; the orchestration also applies a request only once, for the rare retry that
    /// comes while the first event still waits in its queue.
    /// </summary>
    private async Task RaiseOnceAsync(string instanceId, string eventName, IPeopleEvent payload, CommandRequest? request, CancellationToken cancellation)
    {
        if (await AlreadyRaisedAsync(instanceId, eventName, request, cancellation))
        {
            return;
        }

        await client.RaiseEventAsync(instanceId, eventName, payload, cancellation);
    }

    /// <summary>Starts the re-rating of an earlier year; its instance id names the member, the year and the decision reference.</summary>
    public async Task<string> ReRateAsync(ReRatingInput input, string decisionReference, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(input);
        string instanceId = CycleInstanceIds.ReRating(input.MemberId, input.Year, decisionReference);
        await IdempotentStart.ScheduleAsync(client, WorkflowNames.ReRating, input with { Clock = CycleStarter.CycleClockOf(clock) }, instanceId, cancellation);
        return instanceId;
    }
}
