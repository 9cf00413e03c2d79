using AnnualReview.Assessment.Cycle;
using AnnualReview.Assessment.Model;
using AnnualReview.Assessment.Roster;
using AnnualReview.Testing;
using Microsoft.DurableTask.Client;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using static AnnualReview.Workflows.Tests.ReviewRoster;

namespace AnnualReview.Workflows.Tests.Orchestrators;

/// <summary>
/// A grassroots organization with its own dates (self-review 15 Dec, meeting 22 Dec, where the cycle has 10 and
/// 18 Dec): its cell follows them, and goes late on its own dates while its neighbour goes late on the cycle's.
/// </summary>
[Collection("azurite")]
public sealed class DueDateOverrideTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string CycleId = "cycle-2025-hcm";
    private const string Special = "q1-g2";
    private const string SpecialCell = "q1-g2-c1";

    [Fact]
    public async Task UnitWithItsOwnDates_ItsSubtreeFollowsThem_OthersKeepTheCycles()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(2));
        await using CycleHarness h = await CycleHarness.StartAsync(azurite, Utc(12, 1, 8), output: output);
        h.Progress = output.WriteLine;
        Assert.True((await h.Roster.ImportAsync(TwoOrganizations(), timeout)).Imported);
        CycleDefinition definition = Definition() with
        {
            Overrides =
            [
                new(Special, CycleStep.SelfReview, new DateOnly(2025, 12, 15)),
                new(Special, CycleStep.CellMeeting, new DateOnly(2025, 12, 22)),
            ],
        };

        CycleStartResult started = await h.Starter.StartAsync(definition, CycleId, timeout);
        Assert.True(started.Started, string.Join("; ", started.Errors));
        UnitInput ordinary = await InputOfAsync(h, Cell, timeout);
        UnitInput special = await InputOfAsync(h, SpecialCell, timeout);

        Assert.Equal((new DateOnly(2025, 12, 10), new DateOnly(2025, 12, 18)), LocalDates(ordinary));
        Assert.Equal((new DateOnly(2025, 12, 15), new DateOnly(2025, 12, 22)), LocalDates(special));
        Assert.Equal(ordinary.Cycle.Plans.GrassrootsDecision.Due, special.Cycle.Plans.GrassrootsDecision.Due);

        // Both cells watch their steps before the clock moves (a watch that starts late skips moments already past).
        await CycleHarness.WaitUntilAsync(async () => await InSelfReviewAsync(h, Cell) && await InSelfReviewAsync(h, SpecialCell), timeout);
        await Task.Delay(TimeSpan.FromSeconds(2), timeout);

        // Nobody submits. The ordinary cell is reminded 3 days before 10 Dec; the special one is not yet.
        await h.AdvanceToAsync(Local(12, 7, 8), async () => await RemindersAsync(h, "m01") >= 1, timeout);
        Assert.Equal(0, await RemindersAsync(h, "s01"));

        // Just after the cycle's self-review date only the ordinary cell is late ...
        await h.AdvanceToAsync(Local(12, 11, 0, 1), async () => await IsLateAsync(h, Cell), timeout);
        Assert.False(await IsLateAsync(h, SpecialCell));

        // ... the special one is reminded 3 days before its own date, and late only after it.
        await h.AdvanceToAsync(Local(12, 12, 8), async () => await RemindersAsync(h, "s01") >= 1, timeout);
        Assert.False(await IsLateAsync(h, SpecialCell));
        await h.AdvanceToAsync(Local(12, 16, 0, 1), async () => await IsLateAsync(h, SpecialCell), timeout);
    }

    private static async Task<int> RemindersAsync(CycleHarness h, string recipient)
        => (await h.Outbox.InboxAsync(recipient, CancellationToken.None)).Count(n => n.Template == Templates.Reminder);

    private static RosterImportResult TwoOrganizations()
    {
        RosterImportResult one = OneCell(2);
        return one with
        {
            Units =
            [
                .. one.Units,
                new Unit(Special, "Đảng bộ Quân sự phường", UnitKind.GrassrootsOrganization, Committee) { Email = "qs@example.vn" },
                new Unit(SpecialCell, "Chi bộ Quân sự 1", UnitKind.Cell, Special) { Email = "qs1@example.vn" },
            ],
            Members =
            [
                .. one.Members,
                new Member("s01", "Chiến sĩ 01", SpecialCell, MembershipKind.Full, new DateOnly(2016, 4, 1)) { Email = "s01@example.vn" },
                new Member("s02", "Chiến sĩ 02", SpecialCell, MembershipKind.Full, new DateOnly(2017, 4, 1)) { Email = "s02@example.vn" },
            ],
        };
    }

    private static async Task<UnitInput> InputOfAsync(CycleHarness h, string cellId, CancellationToken timeout)
    {
        OrchestrationMetadata? cell = null;
        await CycleHarness.WaitUntilAsync(async () => (cell = await h.Client.GetInstanceAsync(CycleInstanceIds.Unit(CycleId, cellId), true, timeout)) is not null, timeout);
        return cell!.ReadInputAs<UnitInput>()!;
    }

    private static (DateOnly SelfReview, DateOnly Meeting) LocalDates(UnitInput input)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(CycleDefinition.DefaultTimeZoneId);

        // A due date is the whole of its day: its moment is the midnight that ends it.
        DateOnly Day(DateTime due) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(due, zone).AddTicks(-1));
        return (Day(input.Cycle.Plans.SelfReview.Due), Day(input.Cycle.Plans.CellMeeting.Due));
    }

    private static async Task<bool> InSelfReviewAsync(CycleHarness h, string cellId)
    {
        OrchestrationMetadata? cell = await h.Client.GetInstanceAsync(CycleInstanceIds.Unit(CycleId, cellId));
        return cell?.SerializedCustomStatus is { } json && System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("stage").GetString() == "self-review";
    }

    private static async Task<bool> IsLateAsync(CycleHarness h, string cellId)
        => (await h.ReadModels.ReadLateAsync(CycleId, CancellationToken.None)).Any(l => l.UnitId == cellId && l.Step == "SelfReview");
}
