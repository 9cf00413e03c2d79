using AnnualReview.Workflows.Commands;
using AnnualReview.Assessment.Rules;
using AnnualReview.Assessment.Shortcomings;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>
/// A member's result on last year's shortcomings: what was carried, checked against the marks of the A.III the
/// member submitted this year. <see cref="FirstCycle"/> says no earlier review exists to carry from;
/// <see cref="Pending"/> that shortcomings were carried but no self-review is in yet, so nothing is counted.
/// </summary>
public sealed record MemberRemedy(string MemberId, bool FirstCycle, RemedyTally Tally, bool Pending = false);

/// <summary>
/// Reads members' remedy results for the appraisal, the points rating and the reports, so each of them counts the
/// same way: the carried list is the denominator and the submitted A.III says how far each one is fixed.
/// </summary>
public sealed class RemedyResults(CarriedShortcomings carried, SubmissionStore submissions)
{
    /// <summary>At most this many members are read at once: each costs a few small partition reads.</summary>
    private const int Parallelism = 8;

    public async Task<MemberRemedy> ForAsync(CycleInput cycle, string memberId, CancellationToken cancellation)
        => (await ForManyAsync(cycle, [memberId], cancellation))[memberId];

    /// <summary>
    /// Under a rule set that scores points (QĐ 366), each points tally's share of last review's shortcomings fixed is
    /// the one the member's submitted A.III gives, never a figure typed at the meeting: Excellent needs it whole.
    /// The API and the web meeting page both record through this.
    /// </summary>
    public async Task<MeetingRecorded> WithFixedSharesAsync(CycleInput cycle, PointsScale? scale, MeetingRecorded meeting, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        if (scale is null || !meeting.Tallies.Any(t => t.Points is not null))
        {
            return meeting;
        }

        IReadOnlyDictionary<string, MemberRemedy> remedies = await ForManyAsync(cycle, [.. meeting.Tallies.Where(t => t.Points is not null).Select(t => t.MemberId)], cancellation);
        return meeting with
        {
            Tallies = [.. meeting.Tallies.Select(t => t.Points is null ? t
                : t with { Points = t.Points with { ShortcomingsFixedShare = remedies[t.MemberId].Tally.Share(scale.PartlyFixedWeight.Value) } })],
        };
    }

    public async Task<IReadOnlyDictionary<string, MemberRemedy>> ForManyAsync(CycleInput cycle, IReadOnlyCollection<string> memberIds, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(memberIds);
        IReadOnlyList<CycleInput> lastYears = await carried.LastYearsCyclesAsync(cycle, cancellation);
        var results = new System.Collections.Concurrent.ConcurrentDictionary<string, MemberRemedy>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(memberIds.Distinct(StringComparer.Ordinal), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellation }, async (memberId, ct) =>
        {
            CarriedShortcomingList list = lastYears.Count == 0 ? new CarriedShortcomingList(null, []) : await carried.ForAsync(cycle, memberId, lastYears, ct);
            SelfReviewVersion? last = list.Items.Count == 0 ? null : (await submissions.VersionsAsync(cycle.CycleId, memberId, ct)).MaxBy(v => v.Version);
            results[memberId] = last is null
                ? new MemberRemedy(memberId, list.FirstCycle, RemedyTally.None, Pending: list.Items.Count > 0)
                : new MemberRemedy(memberId, false, RemedyTally.Of(list.Items, RemedySection.Parse(last.Sections.GetValueOrDefault(CarriedShortcomings.RemedySectionKey))));
        });
        return results;
    }
}
