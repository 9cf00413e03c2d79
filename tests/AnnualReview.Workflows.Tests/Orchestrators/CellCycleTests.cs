using System.Text.Json;
using AnnualReview.Assessment.Model;
using AnnualReview.Testing;
using Microsoft.DurableTask.Client;
using AnnualReview.Workflows.Commands;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Orchestrators;
using static AnnualReview.Workflows.Tests.ReviewRoster;

namespace AnnualReview.Workflows.Tests.Orchestrators;

/// <summary>
/// A cell of 12 through the whole year-end cycle on a clock that runs six hours a second: nine submit on time, two late (one recorded
/// by the secretary after the hand-over), one never; the meeting; the quota refused then fixed; recognition,
/// a fifth consecutive Excellent year, a second "not completed" year; and a re-rating that revokes awards.
/// </summary>
[Collection("azurite")]
public sealed class CellCycleTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string CycleId = "cycle-2025-hcm";
    private static readonly string CellInstance = CycleInstanceIds.Unit(CycleId, Cell);
    private static readonly string GrassrootsInstance = CycleInstanceIds.Unit(CycleId, Grassroots);

    [Fact]
    public async Task Cycle_CellOfTwelve_RemindsEscalatesClosesRatesAndRecognises()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(4));
        await using CycleHarness h = await CycleHarness.StartAsync(azurite, Utc(12, 1, 8), output: output);
        h.Progress = output.WriteLine;
        RosterImportReport import = await h.Roster.ImportAsync(OneCell(12), timeout);
        Assert.True(import.Imported);
        await SeedHistoryAsync(h, timeout);

        CycleStartResult started = await h.Starter.StartAsync(Definition(), CycleId, timeout);
        Assert.True(started.Started, string.Join("; ", started.Errors));
        await CycleHarness.WaitUntilAsync(async () => (await CellStatus(h))?.GetProperty("stage").GetString() == "self-review", timeout);

        // 2 December: nine members submit on time (m05 twice: the cell sees the latest).
        await h.AdvanceToAsync(Local(12, 2), () => Task.FromResult(true), timeout);
        for (int i = 1; i <= 9; i++)
        {
            await SubmitAsync(h, $"m{i:D2}", $"m{i:D2}", timeout);
        }

        Workflows.Storage.SelfReviewVersion second = await SubmitAsync(h, "m05", "m05", timeout);
        await WaitForSubmittedAsync(h, 9, timeout);
        Assert.Equal(2, second.Version);

        // Reminders at 08:00 on 7, 9 and 10 December go to the three who have not submitted, and only to them.
        foreach (int day in new[] { 7, 9, 10 })
        {
            int expected = Array.IndexOf([7, 9, 10], day) + 1;
            await h.AdvanceToAsync(Local(12, day, 8), async () => await RemindersAsync(h, "m10") >= expected && await RemindersAsync(h, "m12") >= expected && await RemindersAsync(h, Cell) >= expected, timeout);
        }

        Assert.Equal(3, (await h.Outbox.InboxAsync("m12", timeout)).Count(n => n.Template == Templates.Reminder));
        Assert.DoesNotContain(await h.Outbox.InboxAsync("m01", timeout), n => n.Template == Templates.Reminder);

        // Past the due date (end of 10 Dec): overdue, and the cell appears in the late list.
        await h.AdvanceToAsync(Local(12, 11, 0, 1), async () => (await LateAsync(h, "SelfReview")) is not null, timeout);
        await SubmitAsync(h, "m10", "m10", timeout);
        await WaitForSubmittedAsync(h, 10, timeout);

        // 12 December 08:00: the first rung tells the cell secretary and hands the step over to them.
        await h.AdvanceToAsync(Local(12, 12, 8), async () => (await h.Outbox.InboxAsync(Cell, timeout)).Any(n => n.Template == Templates.Escalation), timeout);
        await SubmitAsync(h, "m11", "sec-" + Cell, timeout);
        await WaitForSubmittedAsync(h, 11, timeout);

        // 15 December 08:00: the second rung goes to the grassroots committee.
        await h.AdvanceToAsync(Local(12, 15, 8), async () => (await LateAsync(h, "SelfReview"))?.EscalatedTo.Count == 2, timeout);
        Assert.Contains(await h.Outbox.InboxAsync(Grassroots, timeout), n => n.Template == Templates.Escalation);
        LateEntry selfReviewLate = (await LateAsync(h, "SelfReview"))!;
        Assert.Equal([Utc(12, 7, 8).UtcDateTime, Utc(12, 9, 8).UtcDateTime, Utc(12, 10, 8).UtcDateTime], selfReviewLate.RemindedAt);
        Assert.Equal(["Supervisor:" + Cell, "SuperiorCommittee:" + Grassroots], selfReviewLate.EscalatedTo);

        // 16–17 December: the secretary opens and records the meeting; m12 has still not submitted.
        // A meeting recorded before the collective review (Mẫu 01) is in is refused; the cell owed it since the reminders.
        Assert.Contains(await h.Outbox.InboxAsync(Cell, timeout), n => n.Template == Templates.Reminder);
        await h.AdvanceToAsync(Local(12, 16), () => Task.FromResult(true), timeout);
        await h.Commands.OpenMeetingAsync(CycleId, Cell, "sec-" + Cell, null, timeout);
        await h.Commands.RecordMeetingAsync(CycleId, Cell, Meeting(), null, timeout);
        await CycleHarness.WaitUntilAsync(async () => (await CellStatus(h))?.GetProperty("refusals").GetArrayLength() > 0, timeout);
        Assert.Equal(0, (await CellStatus(h))!.Value.GetProperty("proposed").GetInt32());
        SubmitResult collective = await h.Commands.SubmitCollectiveReviewAsync(CycleId, "QD366-2025", Cell, new Dictionary<string, string> { ["A.I"] = "Chi bộ hoàn thành tốt nhiệm vụ năm 2025." }, "sec-" + Cell, null, timeout);
        Assert.Empty(collective.Errors);
        await h.AdvanceToAsync(Local(12, 17), () => Task.FromResult(true), timeout);
        await h.Commands.RecordMeetingAsync(CycleId, Cell, Meeting(), null, timeout);
        await CycleHarness.WaitUntilAsync(async () => (await CellStatus(h))?.GetProperty("proposed").GetInt32() == 11, timeout);

        // End of 18 December: the self-review step's hard stop closes m12 as "not submitted"; the cell reports up.
        await h.AdvanceToAsync(Local(12, 19), async () => (await h.Client.GetInstanceAsync(CellInstance))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed, timeout);
        CellOutcome cell = (await h.Client.GetInstanceAsync(CellInstance, true))!.ReadOutputAs<CellOutcome>()!;
        Assert.Equal(MemberStage.NotSubmitted, cell.Members.Single(m => m.MemberId == "m12").Stage);
        Assert.True(cell.Members.Single(m => m.MemberId == "m10").Late);
        Assert.Equal(2, cell.Members.Single(m => m.MemberId == "m05").Versions);
        Assert.Equal(4, cell.Members.Count(m => m.Proposed == RatingLevel.Excellent));
        Assert.Equal(RatingLevel.NotCompleted, cell.Members.Single(m => m.MemberId == "m11").Proposed);
        Assert.Contains(await h.Outbox.InboxAsync("m12", timeout), n => n.Template == Templates.ClosedNotSubmitted);

        // 20 December: finalizing as proposed breaks the quota (4 Excellent against 6 Good): refused, with guidance.
        await h.AdvanceToAsync(Local(12, 20), async () => (await StatusOf(h, GrassrootsInstance))?.GetProperty("stage").GetString() == "appraisal", timeout);
        await h.Commands.SubmitAppraisalAsync(CycleId, Grassroots, new AppraisalSubmitted([], new Dictionary<string, RatingLevel>(), "bennghe", Finalize: true), null, timeout);
        await CycleHarness.WaitUntilAsync(async () => (await StatusOf(h, GrassrootsInstance))?.GetProperty("refusal").GetString() is not null, timeout);
        JsonElement refused = (await StatusOf(h, GrassrootsInstance))!.Value;
        Assert.False(refused.GetProperty("finalized").GetBoolean());
        Assert.Contains("Move 3 of the 4 Excellent to Good", refused.GetProperty("refusal").GetString(), StringComparison.Ordinal);
        await CycleHarness.WaitUntilAsync(async () => (await h.Outbox.InboxAsync(Grassroots, timeout)).Any(n => n.Template == Templates.AppraisalRefused), timeout);

        // 21 December: three move to Good, each with a reason; finalizing succeeds.
        await h.AdvanceToAsync(Local(12, 21), () => Task.FromResult(true), timeout);
        MemberDecision[] moves = [.. new[] { "m02", "m03", "m04" }.Select(id => new MemberDecision(id, RatingLevel.Good, "Chưa có sáng kiến nổi bật trong năm"))];
        await h.Commands.SubmitAppraisalAsync(CycleId, Grassroots, new AppraisalSubmitted(moves, new Dictionary<string, RatingLevel> { [Cell] = RatingLevel.Good }, "bennghe", Finalize: true), null, timeout);
        await CycleHarness.WaitUntilAsync(async () => (await StatusOf(h, GrassrootsInstance))?.GetProperty("finalized").GetBoolean() == true, timeout);

        // The committees rate the organizations below them; the cycle completes with its final report.
        await h.Commands.RateOrganizationsAsync(CycleId, Committee, new OrganizationsRated(new Dictionary<string, RatingLevel> { [Grassroots] = RatingLevel.Good }, "q1"), null, timeout);
        await h.Commands.RateOrganizationsAsync(CycleId, Board, new OrganizationsRated(new Dictionary<string, RatingLevel> { [Committee] = RatingLevel.Good }, "hcm"), null, timeout);
        OrchestrationMetadata done = await h.Client.WaitForInstanceCompletionAsync(CycleId, true, timeout);
        CycleOutcome outcome = done.ReadOutputAs<CycleOutcome>()!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(1, outcome.Root.MemberLevels[RatingLevel.Excellent]);
        Assert.Equal(9, outcome.Root.MemberLevels[RatingLevel.Good]);
        Assert.Equal(1, outcome.Root.MemberLevels[RatingLevel.NotCompleted]);
        Assert.Equal(1, outcome.Root.NotSubmitted);
        Assert.Contains(outcome.Reports, r => r.EndsWith("results.xlsx", StringComparison.Ordinal));
        Assert.True((await h.Storage.Reports.GetBlobClient(outcome.Reports[0]).ExistsAsync(timeout)).Value);

        // Recognition: m01's fifth consecutive Excellent year; m11's second "not completed" year.
        List<RatingRecord> m01 = await h.ReadModels.ReadRatingsAsync("m01", timeout);
        Assert.Contains("YearCertificate:2025-2025", m01.Single(r => r.Year == 2025).Awards);
        Assert.Contains("FiveConsecutiveExcellent:2021-2025", m01.Single(r => r.Year == 2025).Awards);
        Assert.Contains(await h.Outbox.InboxAsync("m11", timeout), n => n.Template == Templates.FinalLevel && n.Data["flags"].Contains("TwoConsecutiveNotCompleted", StringComparison.Ordinal));
        Assert.Contains(await h.Outbox.InboxAsync("m02", timeout), n => n.Template == Templates.FinalLevel && n.Data["level"] == "Good");

        // Later: discipline for a 2025 violation re-rates m01's year; the year's certificate and the five-year award go.
        string reRating = await h.Commands.ReRateAsync(new ReRatingInput("m01", 2025, RatingLevel.NotCompleted, "Kỷ luật khiển trách do vi phạm năm 2025", "q1"), "QD-15", timeout);
        ReRatingOutcome revoked = (await h.Client.WaitForInstanceCompletionAsync(reRating, true, timeout)).ReadOutputAs<ReRatingOutcome>()!;
        Assert.Equal(RatingLevel.Excellent, revoked.CancelledLevel);
        Assert.Equal(["2025:YearCertificate:2025-2025", "2025:FiveConsecutiveExcellent:2021-2025"], revoked.RevokedAwards.Order(StringComparer.Ordinal).Reverse());
        List<RatingRecord> after = await h.ReadModels.ReadRatingsAsync("m01", timeout);
        Assert.Equal(RatingLevel.NotCompleted, after.Single(r => r.Year == 2025 && !r.Cancelled).Level);
        Assert.Contains(after, r => r.Cancelled && r.Level == RatingLevel.Excellent);
        await h.Engine.Sealer.SealAsync(reRating, timeout);
        var history = await h.Engine.Verifier.ReadAndVerifyAsync(reRating, timeout);
        Assert.True(history.Verification.IsIntact, history.Verification.Reason);
        Assert.Equal(0, history.Verification.UnsealedCount);
        Assert.Contains(history.Events, e => e.EventType == "TaskCompleted" && e.Payload!.Contains("FiveConsecutiveExcellent", StringComparison.Ordinal));

        // The histories of this cycle, for Replay/Histories (copy from the test output after a change that is meant to change them).
        await Replay.RecordedHistory.RecordAsync(h, Path.Combine(AppContext.BaseDirectory, "recorded", "cell-cycle.json"), [CycleId, "rerate~"], timeout);
    }

    private static MeetingRecorded Meeting()
    {
        var tallies = new List<MemberTally>();
        for (int i = 1; i <= 4; i++)
        {
            tallies.Add(new MemberTally($"m{i:D2}", Votes(excellent: 9, good: 2)));
        }

        for (int i = 5; i <= 10; i++)
        {
            tallies.Add(new MemberTally($"m{i:D2}", Votes(excellent: 1, good: 8, completed: 2)));
        }

        tallies.Add(new MemberTally("m11", Votes(good: 1, completed: 2, notCompleted: 8)));
        return new MeetingRecorded(12, 11, tallies, "sec-" + Cell);
    }

    private static Dictionary<RatingLevel, int> Votes(int excellent = 0, int good = 0, int completed = 0, int notCompleted = 0) => new()
    {
        [RatingLevel.Excellent] = excellent,
        [RatingLevel.Good] = good,
        [RatingLevel.Completed] = completed,
        [RatingLevel.NotCompleted] = notCompleted,
    };

    /// <summary>m01 was Excellent in 2021–2024; m11 was "not completed" in 2024.</summary>
    private static async Task SeedHistoryAsync(CycleHarness h, CancellationToken timeout)
    {
        for (int year = 2021; year <= 2024; year++)
        {
            await h.ReadModels.WriteRatingAsync(new RatingRecord("m01", year, RatingLevel.Excellent, $"cycle-{year}-hcm") { Awards = [$"YearCertificate:{year}-{year}"] }, timeout);
        }

        await h.ReadModels.WriteRatingAsync(new RatingRecord("m11", 2024, RatingLevel.NotCompleted, "cycle-2024-hcm"), timeout);
    }

    private static async Task<Workflows.Storage.SelfReviewVersion> SubmitAsync(CycleHarness h, string memberId, string by, CancellationToken timeout)
    {
        Member member = OneCell(12).Members.Single(m => m.Id == memberId);
        var sections = new Dictionary<string, string>
        {
            ["A.I"] = "Hoàn thành tốt nhiệm vụ được giao.",
            ["A.II"] = "Còn chậm trong một số việc.",
            ["A.III"] = "Đã khắc phục các hạn chế năm trước.",
            ["A.VI"] = "Khắc phục trong năm tới.",
        };
        byte[] scan = [0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x0A];
        SubmitResult result = await h.Commands.SubmitSelfReviewAsync(CycleId, "QD366-2025", member, "02B", sections, RatingLevel.Good,
            [new AttachmentUpload("ban-kiem-diem.pdf", "application/pdf", scan)], by, null, timeout);
        Assert.Empty(result.Errors);
        return result.Version!;
    }

    private static async Task<int> RemindersAsync(CycleHarness h, string recipient)
        => (await h.Outbox.InboxAsync(recipient, CancellationToken.None)).Count(n => n.Template == Templates.Reminder);

    private static Task WaitForSubmittedAsync(CycleHarness h, int count, CancellationToken timeout)
        => CycleHarness.WaitUntilAsync(async () => (await CellStatus(h))?.GetProperty("submitted").GetInt32() == count, timeout);

    private static Task<JsonElement?> CellStatus(CycleHarness h) => StatusOf(h, CellInstance);

    private static async Task<JsonElement?> StatusOf(CycleHarness h, string instanceId)
    {
        OrchestrationMetadata? metadata = await h.Client.GetInstanceAsync(instanceId);
        return metadata?.SerializedCustomStatus is { } json ? JsonDocument.Parse(json).RootElement.Clone() : null;
    }

    private static async Task<LateEntry?> LateAsync(CycleHarness h, string step)
        => (await h.ReadModels.ReadLateAsync(CycleId, CancellationToken.None)).SingleOrDefault(l => l.UnitId == Cell && l.Step == step);
}
