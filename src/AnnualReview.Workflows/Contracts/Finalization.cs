using AnnualReview.Assessment.Model;

namespace AnnualReview.Workflows.Contracts;

/// <summary>A grassroots organization's decided members, to be recorded, told and recognised.</summary>
public sealed record FinalizeInput(CycleInput Cycle, Unit Grassroots, IReadOnlyList<MemberResult> Members)
{
    /// <summary>The cells' levels for the year with the committee's conclusions; none in histories from before they were kept.</summary>
    public IReadOnlyList<CellRating> Cells { get; init; } = [];
}

/// <summary>A cell's level for the year as its grassroots committee set it, and the committee's conclusion on it.</summary>
public sealed record CellRating(string CellId, RatingLevel Level, string? Conclusion);

/// <summary>Awards granted, follow-up plans opened and flags raised when the decisions were recorded.</summary>
public sealed record FinalizeResult(IReadOnlyList<MemberRecognition> Recognitions);

/// <summary>What recognition one member's final level led to.</summary>
public sealed record MemberRecognition(string MemberId, RatingLevel Level)
{
    /// <summary>E.g. "year-certificate" (giấy khen), "five-year-excellent".</summary>
    public IReadOnlyList<string> Awards { get; init; } = [];

    /// <summary>E.g. "two-consecutive-not-completed".</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    public bool FollowUpPlan { get; init; }
}

public sealed record ReportInput(string CycleId, string UnitId, bool Final);

public sealed record ReportResult(IReadOnlyList<string> Blobs);

/// <summary>Re-rating a year after the fact (Mẫu 03): the old rating is cancelled and awards based on it revoked.</summary>
public sealed record ReRatingInput(string MemberId, int Year, RatingLevel NewLevel, string Reason, string DecidedBy)
{
    /// <summary>The app's clock when the re-rating was asked for (see <see cref="CycleInput.Clock"/>).</summary>
    public Timing.CycleClock Clock { get; init; } = Timing.CycleClock.Real;

    /// <summary>
    /// The decision's reference as the committee wrote it ("15-QĐ/TU"); the instance id holds it with the characters ids
    /// cannot hold replaced. Re-ratings started before it was kept have none.
    /// </summary>
    public string? DecisionReference { get; init; }
}

public sealed record ReRatingOutcome(string MemberId, int Year, RatingLevel? CancelledLevel, RatingLevel NewLevel, IReadOnlyList<string> RevokedAwards);
