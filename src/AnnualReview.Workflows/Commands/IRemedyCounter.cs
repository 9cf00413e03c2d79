using AnnualReview.Assessment.Shortcomings;

namespace AnnualReview.Workflows.Commands;

/// <summary>
/// How far a review's A.III marks the shortcomings carried into it from last year: counted once when it is
/// submitted, so the cell's orchestration adds them up and the reports carry the figure without reading every
/// member's review again. The app counts it against what it carried into the form.
/// </summary>
public interface IRemedyCounter
{
    /// <summary>The count for the review kept under <paramref name="reviewId"/> (a member, or a cell's collective id); null when it cannot be told.</summary>
    Task<RemedyTally?> CountAsync(string cycleId, string reviewId, IReadOnlyDictionary<string, string> sections, CancellationToken cancellation);
}
