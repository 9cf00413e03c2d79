using System.Text.Json.Serialization;
using AnnualReview.Assessment.Shortcomings;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Rating;

namespace AnnualReview.Workflows.Contracts;

/// <summary>Names of the events the cycle's orchestrations wait for.</summary>
public static class EventNames
{
    public const string SelfReviewSubmitted = "self-review-submitted";
    public const string CollectiveReviewSubmitted = "collective-review-submitted";
    public const string MeetingOpened = "meeting-opened";
    public const string MeetingRecorded = "meeting-recorded";
    public const string Appraisal = "appraisal";
    public const string OrganizationsRated = "organizations-rated";
    public const string DeputyAssigned = "deputy-assigned";

    /// <summary>A child unit's orchestration tells its parent that it and everything below it have started (bounded fan-out).</summary>
    public const string SubtreeStarted = "subtree-started";
}

/// <summary>
/// Something a person did, raised as an event on the unit's orchestration. <see cref="RequestId"/> names the
/// request it came from: a retry of the same request that reaches the orchestration twice is applied once.
/// </summary>
public interface IPeopleEvent
{
    string? RequestId { get; }
}

/// <summary>A member (or, after hand-over, the secretary for them) submitted a self-review version.</summary>
public sealed record SelfReviewSubmitted(string MemberId, int Version, RatingLevel SelfRating, string SubmittedBy, DateTime SubmittedAt) : IPeopleEvent
{
    public string? RequestId { get; init; }

    /// <summary>How far this version's A.III marks last year's shortcomings; left out when not counted (recorded histories).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RemedyTally? Remedy { get; init; }
}

/// <summary>The cell's collective review (Mẫu 01) was submitted by its secretary; it comes before the meeting.</summary>
public sealed record CollectiveReviewSubmitted(int Version, string SubmittedBy, DateTime SubmittedAt) : IPeopleEvent
{
    public string? RequestId { get; init; }

    /// <summary>How far the report's A.III marks the cell's own shortcomings of last year; left out when not counted.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RemedyTally? Remedy { get; init; }
}

/// <summary>
/// After the cell's meeting was escalated, a committee above the cell named a member of the cell (the deputy
/// secretary) to hold and record the meeting in the secretary's place.
/// </summary>
public sealed record DeputyAssigned(string MemberId, string AssignedBy) : IPeopleEvent
{
    public string? RequestId { get; init; }
}

/// <summary>The cell secretary opened the meeting: no more resubmissions.</summary>
public sealed record MeetingOpened(string OpenedBy) : IPeopleEvent
{
    public string? RequestId { get; init; }
}

/// <summary>
/// How the full members present voted on one member: counts only (secret ballot). Under a rule set that scores
/// points the meeting may record the points it agreed instead; the votes are then all zero.
/// </summary>
public sealed record MemberTally(string MemberId, IReadOnlyDictionary<RatingLevel, int> Votes, PointsAssessment? Points = null)
{
    /// <summary>The domain's tally for the same member: a missing level counts as no votes.</summary>
    public VoteTally ToVoteTally() => new(
        MemberId,
        Votes.GetValueOrDefault(RatingLevel.Excellent),
        Votes.GetValueOrDefault(RatingLevel.Good),
        Votes.GetValueOrDefault(RatingLevel.Completed),
        Votes.GetValueOrDefault(RatingLevel.NotCompleted))
    {
        Points = Points,
    };

    public static MemberTally From(VoteTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var votes = new Dictionary<RatingLevel, int>
        {
            [RatingLevel.Excellent] = tally.Excellent,
            [RatingLevel.Good] = tally.Good,
            [RatingLevel.Completed] = tally.Completed,
            [RatingLevel.NotCompleted] = tally.NotCompleted,
        };
        return new MemberTally(tally.MemberId, votes, tally.Points);
    }
}

/// <summary>
/// The cell meeting's record (biên bản): full members convened and present, and a tally per member.
/// Members rated afterwards (absent from the meeting) come in a later record with <see cref="Supplementary"/> set.
/// </summary>
public sealed record MeetingRecorded(int FullMembersConvened, int FullMembersPresent, IReadOnlyList<MemberTally> Tallies, string RecordedBy, bool Supplementary = false) : IPeopleEvent
{
    public string? RequestId { get; init; }
}

/// <summary>The grassroots committee's decision on one member: accept the proposal or override it with a reason.</summary>
public sealed record MemberDecision(string MemberId, RatingLevel Level, string? Reason);

/// <summary>The appraisal (thẩm định): decisions, the cells' collective levels, and whether to finalize.</summary>
public sealed record AppraisalSubmitted(IReadOnlyList<MemberDecision> Decisions, IReadOnlyDictionary<string, RatingLevel> CellLevels, string DecidedBy, bool Finalize) : IPeopleEvent
{
    public string? RequestId { get; init; }

    /// <summary>
    /// The committee's conclusion on a cell (its shortcomings to fix), by cell id, sent with the cell's level; kept
    /// with the cell's rating for the year and carried into its next report. An empty text takes one back.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? CellConclusions { get; init; }
}

/// <summary>A committee rates the organizations directly below it.</summary>
public sealed record OrganizationsRated(IReadOnlyDictionary<string, RatingLevel> Levels, string DecidedBy) : IPeopleEvent
{
    public string? RequestId { get; init; }
}
