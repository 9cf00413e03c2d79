using AnnualReview.Assessment.Shortcomings;
using AnnualReview.Functions.Steps;
using AnnualReview.Workflows.Commands;

namespace AnnualReview.Functions.Api.Reviews;

/// <summary>
/// Counts a review's A.III against what was carried into it, when it is submitted (every door submits through
/// <see cref="ReviewCommands"/>), so the cell adds the counts up for the reports. Null when nothing was carried.
/// </summary>
public sealed class RemedyCounter(CycleDirectory cycles, CarriedShortcomings carried) : IRemedyCounter
{
    public async Task<RemedyTally?> CountAsync(string cycleId, string reviewId, IReadOnlyDictionary<string, string> sections, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(sections);
        (CycleInfo? cycle, StepRefusal? _) = await cycles.FindAsync(cycleId, cancellation);
        if (cycle is null)
        {
            return null;
        }

        CarriedShortcomingList list = await carried.ForAsync(cycle.Input, reviewId, cancellation);
        return list.Items.Count == 0 ? null : RemedyTally.Of(list.Items, RemedySection.Parse(sections.GetValueOrDefault(CarriedShortcomings.RemedySectionKey)));
    }
}
