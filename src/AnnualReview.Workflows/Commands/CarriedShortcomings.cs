using AnnualReview.Assessment.Shortcomings;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Workflows.Commands;

/// <summary>
/// What a member carries into this year's section A.III: the shortcomings of the previous review, one each, and
/// the cycle they come from. <see cref="FromCycleId"/> is null when no earlier cycle holds a self-review of the
/// member (a first cycle, or a member new to the party), and then nothing is carried.
/// </summary>
public sealed record CarriedShortcomingList(string? FromCycleId, IReadOnlyList<Shortcoming> Items)
{
    public bool FirstCycle => FromCycleId is null;
}

/// <summary>
/// Finds the previous year's review of a member and carries its shortcomings: section A.II of the member's last
/// self-review version there, the committee's conclusion on last year's rating, and the findings of a re-rating
/// of last year, each once. The previous cycle is the one last year's rating names (the member may have moved
/// to another organization since), else a cycle of last year under this cycle's root, else any cycle of last year.
/// </summary>
public sealed class CarriedShortcomings(SubmissionStore submissions, ReadModelStore readModels, CycleRegistry cycles)
{
    /// <summary>The section of the self-review forms (02A/02B/02C, 2A/2B/2C) that names the shortcomings.</summary>
    public const string ShortcomingsSection = "A.II";

    /// <summary>The section of this year's form where they are carried and marked (kết quả khắc phục).</summary>
    public const string RemedySectionKey = "A.III";

    /// <summary>
    /// The id a cell's collective review is kept under, as a member's self-review is under the member's id: the
    /// organization's own shortcomings (its report's A.II) are carried into next year's report the same way.
    /// </summary>
    public static string CollectiveId(string cellId) => CollectiveReview.Id(cellId);

    public async Task<CarriedShortcomingList> ForAsync(CycleInput cycle, string memberId, CancellationToken cancellation)
        => await ForAsync(cycle, memberId, await LastYearsCyclesAsync(cycle, cancellation), cancellation);

    /// <summary>Last year's cycles, read once when many members are looked up (an appraisal table, a report).</summary>
    public async Task<IReadOnlyList<CycleInput>> LastYearsCyclesAsync(CycleInput cycle, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return [.. (await cycles.AllAsync(cancellation)).Where(c => c.Year == cycle.Year - 1)];
    }

    public async Task<CarriedShortcomingList> ForAsync(CycleInput cycle, string memberId, IReadOnlyList<CycleInput> lastYearsCycles, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(lastYearsCycles);
        int lastYear = cycle.Year - 1;
        // Last year's rows: the rating in force and any a re-rating cancelled, which keep its findings.
        List<RatingRecord> ratings = [.. (await readModels.ReadRatingsAsync(memberId, cancellation)).Where(r => r.Year == lastYear)];
        var candidates = ratings
            .Where(r => !r.Cancelled)
            .Select(r => r.CycleId)
            .Concat(lastYearsCycles
                .OrderBy(c => c.RootUnitId == cycle.RootUnitId ? 0 : 1)
                .ThenBy(c => c.CycleId, StringComparer.Ordinal)
                .Select(c => c.CycleId))
            .Distinct(StringComparer.Ordinal);

        foreach (string cycleId in candidates)
        {
            SelfReviewVersion? last = (await submissions.VersionsAsync(cycleId, memberId, cancellation)).MaxBy(v => v.Version);
            if (last is not null)
            {
                return new CarriedShortcomingList(cycleId, CarriedItems.Merge(
                [
                    (ShortcomingSource.SelfReview, last.Sections.GetValueOrDefault(ShortcomingsSection)),
                    .. ratings.OrderBy(r => r.Cancelled ? 0 : 1).Select(r => (ShortcomingSource.SuperiorConclusion, r.Conclusion)),
                    .. ratings.Where(r => r.Cancelled).Select(r => (ShortcomingSource.ReRating, r.CancelReason)),
                ]));
            }
        }

        return new CarriedShortcomingList(null, []);
    }
}
