using AnnualReview.Assessment.Shortcomings;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Workflows.Commands;

/// <summary>
/// Counts a review's A.III against what was carried into it, when it is submitted (every door submits through
/// <see cref="ReviewCommands"/>), so the cell adds the counts up for the reports. Null when nothing was carried.
/// It runs on every submission, so a cycle with no cycle of last year stops after two reads (the cycle, the list
/// of cycles) without looking for the member's past.
/// </summary>
public sealed class RemedyCounter(CycleRegistry registry, CarriedShortcomings carried) : IRemedyCounter
{
    public async Task<RemedyTally?> CountAsync(string cycleId, string reviewId, IReadOnlyDictionary<string, string> sections, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(sections);
        if (await registry.GetAsync(cycleId, cancellation) is not { } cycle)
        {
            return null;
        }

        IReadOnlyList<CycleInput> lastYears = await carried.LastYearsCyclesAsync(cycle, cancellation);
        if (lastYears.Count == 0)
        {
            return null;
        }

        CarriedShortcomingList list = await carried.ForAsync(cycle, reviewId, lastYears, cancellation);
        return list.Items.Count == 0 ? null : RemedyTally.Of(list.Items, RemedySection.Parse(sections.GetValueOrDefault(CarriedShortcomings.RemedySectionKey)));
    }
}
