using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Shortcomings;
using AnnualReview.Testing;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Workflows.Tests.Commands;

/// <summary>The count a submission carries to its cell: this year's A.III marks against what last year left, on Azurite.</summary>
[Collection("azurite")]
public sealed class RemedyCounterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CountAsync_MarksAgainstLastYear_NullWhenNothingCarriedOrNoCycle()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        AssessmentStorage storage = await CarriedShortcomingsTests.FreshStorageAsync(azurite, timeout);
        var submissions = new SubmissionStore(storage);
        var registry = new CycleRegistry(storage);
        CycleInput lastYear = CarriedShortcomingsTests.Cycle(2025, "city"), thisYear = CarriedShortcomingsTests.Cycle(2026, "city");
        await registry.AddAsync(lastYear, timeout);
        await registry.AddAsync(thisYear, timeout);
        await submissions.AddVersionAsync(new SelfReviewVersion(lastYear.CycleId, "m1", 1, "02A",
            new Dictionary<string, string> { [CarriedShortcomings.ShortcomingsSection] = "1. Báo cáo còn chậm\n2. Ít phát biểu\n3. Đi họp muộn" },
            RatingLevel.Good, [], "m1", new DateTime(2025, 12, 2, 0, 0, 0, DateTimeKind.Utc)), null, timeout);
        var counter = new RemedyCounter(registry, new CarriedShortcomings(submissions, new ReadModelStore(storage), registry));

        // One fixed, one partly, the third left unmarked: an unmarked shortcoming counts as not fixed.
        string marked = RemedySection.Format(
        [
            new ShortcomingFix("Báo cáo còn chậm", FixState.Fixed, "Nộp đúng hạn cả năm"),
            new ShortcomingFix("Ít phát biểu", FixState.PartlyFixed, ""),
        ]);
        RemedyTally? tally = await counter.CountAsync(thisYear.CycleId, "m1", new Dictionary<string, string> { [CarriedShortcomings.RemedySectionKey] = marked }, timeout);

        Assert.Equal(new RemedyTally(1, 1, 1), tally);
        Assert.Null(await counter.CountAsync(thisYear.CycleId, "m2", new Dictionary<string, string>(), timeout));
        Assert.Null(await counter.CountAsync(lastYear.CycleId, "m1", new Dictionary<string, string>(), timeout));
        Assert.Null(await counter.CountAsync("no-such-cycle", "m1", new Dictionary<string, string>(), timeout));
    }
}
