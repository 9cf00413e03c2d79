using System.Text.Json.Serialization;
using AnnualReview.Assessment.Shortcomings;
using AnnualReview.Assessment.Model;

namespace AnnualReview.Workflows.Contracts;

/// <summary>Progress of one unit in one cycle: counts by stage and by level, lateness. Written whole, so rewriting is idempotent.</summary>
public sealed record ProgressRow(string CycleId, string UnitId, string UnitName, UnitKind Kind, string? ParentId, string Stage)
{
    public int Members { get; init; }

    public IReadOnlyDictionary<MemberStage, int> ByStage { get; init; } = new Dictionary<MemberStage, int>();

    public IReadOnlyDictionary<RatingLevel, int> ByLevel { get; init; } = new Dictionary<RatingLevel, int>();

    public int LateCount { get; init; }

    public int Escalations { get; init; }

    public RatingLevel? UnitLevel { get; init; }

    public string? QuotaMessage { get; init; }

    /// <summary>A cell's members' count of last year's shortcomings as their latest versions mark them; null when none was counted.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RemedyTally? MembersRemedy { get; init; }

    /// <summary>The cell's own shortcomings of last year, as its collective report marks them; null when not counted.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RemedyTally? OwnRemedy { get; init; }

    public DateTime UpdatedAt { get; init; }
}

/// <summary>A late report: who owed what by when, who was reminded and who was told.</summary>
public sealed record LateEntry(string CycleId, string UnitId, string UnitName, string Step, DateTime Due)
{
    public IReadOnlyList<DateTime> RemindedAt { get; init; } = [];

    public IReadOnlyList<string> EscalatedTo { get; init; } = [];

    public int PendingCount { get; init; }

    public DateTime? ResolvedAt { get; init; }

    public DateTime UpdatedAt { get; init; }
}

/// <summary>A member's stage in a cycle, with the step's due date.</summary>
public sealed record MemberStageRows(string CycleId, string CellId, DateTime SelfReviewDue, DateTime MeetingDue, IReadOnlyList<MemberResult> Members, DateTime UpdatedAt);

/// <summary>A year's rating of a member, kept across cycles for five-year awards and repeated "not completed".</summary>
public sealed record RatingRecord(string MemberId, int Year, RatingLevel Level, string CycleId)
{
    public bool Cancelled { get; init; }

    public string? CancelReason { get; init; }

    /// <summary>The committee's conclusion on the member when it decided this rating, carried next year as a shortcoming.</summary>
    public string? Conclusion { get; init; }

    public IReadOnlyList<string> Awards { get; init; } = [];

    public IReadOnlyList<string> RevokedAwards { get; init; } = [];
}
