using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnnualReview.Functions.Security;
using AnnualReview.Testing;
using AnnualReview.TaskHub.History;
using AnnualReview.Workflows.Contracts;
using AnnualReview.Workflows.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using static AnnualReview.Functions.Tests.Api.Reviews.SelfReviewEndpointsTests;

namespace AnnualReview.Functions.Tests.Api.Reviews;

/// <summary>
/// Journey 3, a late cell: its secretary is ill, the meeting (due 18 December) is not recorded, the grassroots
/// committee is told on the 20th and names the deputy secretary, who records the meeting. Nothing the members
/// submitted is lost, and the history names each step.
/// </summary>
[Collection("azurite")]
public sealed class DeputyTests(AzuriteFixture azurite)
{
    private const string CycleId = "cycle-2025-hcm";
    private static readonly string CellPath = $"/api/cycles/{CycleId}/cells/{SmallCity.Q1Cell}";

    /// <summary>
    /// 08:00 on 18 December 2025 in Hồ Chí Minh City, an hour a real second: the self-review closes at the end of
    /// the day (16 s), the meeting's first escalation goes to the grassroots committee at 08:00 on the 20th (48 s).
    /// </summary>
    private static readonly KeyValuePair<string, string>[] MeetingDay =
    [
        new("Clock:Start", "2025-12-18T01:00:00Z"),
        new("Clock:Scale", "3600"),
    ];

    [Fact]
    public async Task Committee_NamesTheDeputyAfterEscalation_WhoRecordsTheMeeting()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(3));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, MeetingDay);
        await SmallCity.ImportAsync(app, timeout);
        using (HttpResponseMessage started = await app.As(AppRoles.OrganizationBoard, SmallCity.Board).PostAsJsonAsync("/api/cycles", SmallCity.Cycle(2025), timeout))
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        }

        // Before falling ill the secretary sent the collective review; the three members submit their self-reviews.
        await ReviewWorld.WaitUntilAsync(async () => (await StepAsync(app, timeout))?.Stage == "self-review", timeout);
        using HttpClient secretary = app.As(AppRoles.CellSecretary, SmallCity.Q1Cell);
        using (HttpResponseMessage collective = await secretary.PostAsJsonAsync($"{CellPath}/collective-review", new { sections = new Dictionary<string, string> { ["A.I"] = "Chi bộ hoàn thành tốt nhiệm vụ." } }, timeout))
        {
            Assert.Equal(HttpStatusCode.Created, collective.StatusCode);
        }

        foreach (string member in new[] { "m1", "m2", "m3" })
        {
            using HttpResponseMessage submitted = await app.As(AppRoles.Member, SmallCity.Q1Cell, member).PostAsync($"/api/cycles/{CycleId}/members/{member}/self-review", ReviewWorld.SelfReview(), timeout);
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        }

        await ReviewWorld.WaitUntilAsync(async () => (await StepAsync(app, timeout))?.Stage == "meeting", timeout);
        using HttpClient grassroots = app.As(AppRoles.Committee, SmallCity.Q1Grassroots, language: "en");
        using HttpClient deputy = app.As(AppRoles.Member, SmallCity.Q1Cell, "m2");

        // Before the escalation: the committee may not name anyone yet, and m2 may not act for the cell.
        await AssertProblemAsync(await grassroots.PostAsJsonAsync($"{CellPath}/deputy", new { memberId = "m2" }, timeout), HttpStatusCode.Conflict, "meeting-not-escalated", "cellId");
        await AssertProblemAsync(await deputy.PostAsync($"{CellPath}/meeting/open", null, timeout), HttpStatusCode.Forbidden, "forbidden", "cellId");

        // 20 December, 08:00: the grassroots committee is told.
        await ReviewWorld.WaitUntilAsync(async () => (await StepAsync(app, timeout))?.Flag("meetingEscalated") == true, timeout);

        // Who may not name: the secretary, the other district's committee; whom: nobody from another cell, nobody at all.
        using (HttpResponseMessage bySecretary = await secretary.PostAsJsonAsync($"{CellPath}/deputy", new { memberId = "m2" }, timeout))
        {
            Assert.Equal(HttpStatusCode.Forbidden, bySecretary.StatusCode);
            Assert.Equal("application/problem+json", bySecretary.Content.Headers.ContentType?.MediaType);
        }

        await AssertProblemAsync(await app.As(AppRoles.Committee, SmallCity.Q2).PostAsJsonAsync($"{CellPath}/deputy", new { memberId = "m2" }, timeout), HttpStatusCode.Forbidden, "out-of-scope", "unitId");
        JsonElement stranger = await AssertProblemAsync(await grassroots.PostAsJsonAsync($"{CellPath}/deputy", new { memberId = "m4" }, timeout), HttpStatusCode.BadRequest, "validation", "memberId");
        Assert.Equal("NotACellMember", stranger.GetProperty("errors")[0].GetProperty("code").GetString());
        await AssertProblemAsync(await grassroots.PostAsJsonAsync($"{CellPath}/deputy", new { memberId = "" }, timeout), HttpStatusCode.BadRequest, "validation", "memberId");
        Assert.Null((await StepAsync(app, timeout))!.Text("deputy"));

        using (HttpResponseMessage named = await grassroots.PostAsJsonAsync($"{CellPath}/deputy", new { memberId = "m2" }, timeout))
        {
            Assert.Equal(HttpStatusCode.OK, named.StatusCode);
            JsonElement view = await named.Content.ReadFromJsonAsync<JsonElement>(timeout);
            Assert.Equal("Trần Thị Bình", view.GetProperty("memberName").GetString());
            Assert.True(view.GetProperty("assigned").GetBoolean());
        }

        // Only the one named stands in: m1 (a member of the cell, not named) is refused; m2 records the meeting.
        await AssertProblemAsync(await app.As(AppRoles.Member, SmallCity.Q1Cell, "m1").PostAsJsonAsync($"{CellPath}/meeting", Meeting(), timeout), HttpStatusCode.Forbidden, "forbidden", "cellId");
        using (HttpResponseMessage recorded = await deputy.PostAsJsonAsync($"{CellPath}/meeting", Meeting(), timeout))
        {
            Assert.Equal(HttpStatusCode.Accepted, recorded.StatusCode);
        }

        await ReviewWorld.WaitUntilAsync(async () => (await StepAsync(app, timeout)) is { } s && (s.Stage == "proposed" || !s.Running), timeout);

        // Nothing submitted was lost: each member's version is there and was voted on.
        SubmissionStore submissions = app.Services.GetRequiredService<SubmissionStore>();
        foreach (string member in new[] { "m1", "m2", "m3" })
        {
            Assert.Single(await submissions.VersionsAsync(CycleId, member, timeout));
        }

        List<MemberResult> stages = await app.Services.GetRequiredService<ReadModelStore>().ReadMemberStagesAsync(CycleId, SmallCity.Q1Cell, timeout);
        Assert.All(stages, s => Assert.Equal(MemberStage.Proposed, s.Stage));

        // The history tells the chain: escalated to the grassroots organization, the deputy named by the committee, the meeting recorded by the deputy.
        IReadOnlyList<HistoryRecord> history = await app.Services.GetRequiredService<HistoryReader>().ReadAsync(CycleInstanceIds.Unit(CycleId, SmallCity.Q1Cell), 0, timeout);
        HistoryRecord assigned = Assert.Single(history, e => e is { EventType: "EventRaised", Name: EventNames.DeputyAssigned });
        Assert.Contains("\"memberId\":\"m2\"", assigned.Payload, StringComparison.Ordinal);
        Assert.Contains("\"assignedBy\":\"committee@q1-g1\"", assigned.Payload, StringComparison.Ordinal);
        HistoryRecord meeting = Assert.Single(history, e => e is { EventType: "EventRaised", Name: EventNames.MeetingRecorded });
        Assert.Contains("(m2)", meeting.Payload, StringComparison.Ordinal);
        Assert.Contains(await app.Services.GetRequiredService<Workflows.Storage.NotificationOutbox>().InboxAsync("m2", timeout), n => n.Template == Templates.DeputyAssigned);
        Assert.Contains(await app.Services.GetRequiredService<Workflows.Storage.NotificationOutbox>().InboxAsync(SmallCity.Q1Grassroots, timeout), n => n.Template == Templates.Escalation);
    }

    private static object Meeting() => new
    {
        fullMembersConvened = 3,
        fullMembersPresent = 3,
        secretBallot = true,
        tallies = new[] { "m1", "m2", "m3" }.Select(id => new { memberId = id, votes = new Dictionary<string, int> { ["Good"] = 3 } }).ToArray(),
    };

    private static async Task<AnnualReview.Functions.Api.Reviews.UnitStep?> StepAsync(TestApp app, CancellationToken cancellation)
        => await new AnnualReview.Functions.Api.Reviews.CycleDirectory(app.Services.GetRequiredService<DurableTaskClient>()).StepAsync(CycleId, SmallCity.Q1Cell, cancellation);
}
