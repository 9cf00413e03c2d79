using System.Text.Json.Serialization;
using AnnualReview.Assessment.Model;

namespace AnnualReview.Workflows.Contracts;

/// <summary>Where a member stands in the cycle.</summary>
public enum MemberStage
{
    NotStarted,
    Submitted,

    /// <summary>The self-review step closed at the hard stop without a submission.</summary>
    NotSubmitted,
    Proposed,
    Decided,

    /// <summary>Not rated this year (exempt, suspended, admitted recently).</summary>
    NotRated,
}

/// <summary>A member's course through the cycle.</summary>
public sealed record MemberResult(string MemberId, string CellId, string QuotaGroup)
{
    public MemberStage Stage { get; init; } = MemberStage.NotStarted;

    public int Versions { get; init; }

    public RatingLevel? SelfRating { get; init; }

    public RatingLevel? Proposed { get; init; }

    public MemberTally? Tally { get; init; }

    public RatingLevel? Final { get; init; }

    public string? Reason { get; init; }

    /// <summary>
    /// The committee's conclusion on the member at the appraisal (kết luận của cấp trên), kept apart from
    /// <see cref="Reason"/>, which also says why a member is not rated, so next year can carry it as a shortcoming.
    /// Left out of the JSON when there is none, so the outputs of recorded histories replay unchanged.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Conclusion { get; init; }

    public bool Late { get; init; }
}

/// <summary>What a cell reports to its grassroots organization.</summary>
public sealed record CellOutcome(string CellId, IReadOnlyList<MemberResult> Members, bool MeetingRecorded, bool Late);

/// <summary>Counts a unit reports upward: levels of its members and of the organizations below it.</summary>
public sealed record UnitOutcome(string UnitId, UnitKind Kind, IReadOnlyDictionary<RatingLevel, int> MemberLevels, int Members, int NotRated, int NotSubmitted, int LateUnits)
{
    public RatingLevel? UnitLevel { get; init; }

    public IReadOnlyDictionary<string, RatingLevel?> ChildLevels { get; init; } = new Dictionary<string, RatingLevel?>();

    public static UnitOutcome Sum(string unitId, UnitKind kind, IEnumerable<UnitOutcome> children)
    {
        var list = children.ToList();
        var levels = Enum.GetValues<RatingLevel>().ToDictionary(l => l, l => list.Sum(c => c.MemberLevels.GetValueOrDefault(l)));
        return new UnitOutcome(unitId, kind, levels, list.Sum(c => c.Members), list.Sum(c => c.NotRated), list.Sum(c => c.NotSubmitted), list.Sum(c => c.LateUnits));
    }
}
