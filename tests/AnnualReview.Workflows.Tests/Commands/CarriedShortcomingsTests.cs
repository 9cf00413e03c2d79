using System.Text.Json;
using AnnualReview.Assessment.Model;
using Azure.Data.Tables;
using AnnualReview.Assessment.Shortcomings;
using AnnualReview.Workflows.Commands;
using AnnualReview.Testing;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Deadlines;
using AnnualReview.Workflows;
using AnnualReview.Workflows.Storage;

namespace AnnualReview.Workflows.Tests.Commands;

/// <summary>Last year's shortcomings carried into this year's A.III, read from submissions stored on Azurite.</summary>
[Collection("azurite")]
public sealed class CarriedShortcomingsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ForAsync_TwoCycles_CarriesLastVersionOfLastYearOrSaysFirstCycle()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        AssessmentStorage storage = await FreshStorageAsync(azurite, timeout);
        var submissions = new SubmissionStore(storage);
        var readModels = new ReadModelStore(storage);
        var registry = new CycleRegistry(storage);
        CycleInput lastYear = Cycle(2025, "city"), elsewhere = Cycle(2025, "province"), thisYear = Cycle(2026, "city");
        foreach (CycleInput cycle in new[] { lastYear, elsewhere, thisYear })
        {
            await registry.AddAsync(cycle, timeout);
        }

        await submissions.AddVersionAsync(Version(lastYear, "m1", 1, "- Báo cáo chậm"), null, timeout);
        await submissions.AddVersionAsync(Version(lastYear, "m1", 2, "1. Báo cáo còn chậm\n2. Ít phát biểu; đi họp muộn"), null, timeout);
        await submissions.AddVersionAsync(Version(thisYear, "m1", 1, "Không đọc được năm nay"), null, timeout);
        // m3 was reviewed in another organization's cycle last year; the rating names that cycle.
        await submissions.AddVersionAsync(Version(elsewhere, "m3", 1, "• Chưa học nghị quyết"), null, timeout);
        await readModels.WriteRatingAsync(new RatingRecord("m3", 2025, RatingLevel.Good, elsewhere.CycleId), timeout);
        var carry = new CarriedShortcomings(submissions, readModels, registry);

        CarriedShortcomingList m1 = await carry.ForAsync(thisYear, "m1", timeout);
        CarriedShortcomingList m2 = await carry.ForAsync(thisYear, "m2", timeout);
        CarriedShortcomingList m3 = await carry.ForAsync(thisYear, "m3", timeout);
        CarriedShortcomingList first = await carry.ForAsync(lastYear, "m1", timeout);

        Assert.Equal(lastYear.CycleId, m1.FromCycleId);
        Assert.Equal(["Báo cáo còn chậm", "Ít phát biểu", "đi họp muộn"], m1.Items.Select(s => s.Text));
        Assert.All(m1.Items, s => Assert.Equal(ShortcomingSource.SelfReview, s.Source));
        Assert.True(m2.FirstCycle);
        Assert.Empty(m2.Items);
        Assert.Equal((elsewhere.CycleId, "Chưa học nghị quyết"), (m3.FromCycleId, Assert.Single(m3.Items).Text));
        Assert.True(first.FirstCycle);
    }

    [Fact]
    public async Task ForAsync_ConclusionAndReRating_CarriedAfterOwnItemsOnceEach()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        AssessmentStorage storage = await FreshStorageAsync(azurite, timeout);
        var submissions = new SubmissionStore(storage);
        var readModels = new ReadModelStore(storage);
        var registry = new CycleRegistry(storage);
        CycleInput lastYear = Cycle(2025, "city"), thisYear = Cycle(2026, "city");
        await registry.AddAsync(lastYear, timeout);
        await registry.AddAsync(thisYear, timeout);
        await submissions.AddVersionAsync(Version(lastYear, "m1", 1, "- Báo cáo còn chậm"), null, timeout);
        // Last year's Good was decided with a conclusion, then re-rated Completed: the cancelled row keeps both.
        var decided = new RatingRecord("m1", 2025, RatingLevel.Good, lastYear.CycleId) { Conclusion = "Báo cáo còn chậm; chưa gương mẫu" };
        await storage.Ratings.For("m1").UpsertEntityAsync(new TableEntity("m1", "2025-cancelled-1")
        {
            ["Json"] = JsonSerializer.Serialize(decided with { Cancelled = true, CancelReason = "Kê khai tài sản chưa trung thực" }, WorkflowJson.Options),
            ["Cancelled"] = true,
        }, TableUpdateMode.Replace, timeout);
        await readModels.WriteRatingAsync(new RatingRecord("m1", 2025, RatingLevel.Completed, lastYear.CycleId), timeout);

        CarriedShortcomingList m1 = await new CarriedShortcomings(submissions, readModels, registry).ForAsync(thisYear, "m1", timeout);

        Assert.Equal(
            [
                ("Báo cáo còn chậm", ShortcomingSource.SelfReview),
                ("chưa gương mẫu", ShortcomingSource.SuperiorConclusion),
                ("Kê khai tài sản chưa trung thực", ShortcomingSource.ReRating),
            ],
            m1.Items.Select(s => (s.Text, s.Source)));
    }

    /// <summary>Assessment tables of their own on the shared Azurite, so tests see only what they wrote.</summary>
    internal static async Task<AssessmentStorage> FreshStorageAsync(AzuriteFixture azurite, CancellationToken cancellation)
    {
        var storage = new AssessmentStorage(new AssessmentStorageOptions { ConnectionString = azurite.ConnectionString, Prefix = AzuriteServer.NewTaskHubName("carry") });
        await storage.EnsureCreatedAsync(cancellation);
        return storage;
    }

    internal static CycleInput Cycle(int year, string root)
    {
        var plan = new StepPlan("SelfReview", new DateTime(year, 12, 15, 0, 0, 0, DateTimeKind.Utc), []);
        return new CycleInput($"cycle-{year}-{root}", year, root, "QD366-2025", "Asia/Ho_Chi_Minh", new CyclePlans(plan, plan, plan, plan));
    }

    private static SelfReviewVersion Version(CycleInput cycle, string memberId, int version, string shortcomings) => new(
        cycle.CycleId, memberId, version, "02A",
        new Dictionary<string, string> { ["A.I"] = "Ưu điểm", [CarriedShortcomings.ShortcomingsSection] = shortcomings },
        RatingLevel.Good, [], memberId, new DateTime(cycle.Year, 12, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(version));
}
