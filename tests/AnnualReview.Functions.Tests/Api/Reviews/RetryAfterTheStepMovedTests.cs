using System.Net;
using System.Net.Http.Json;
using AnnualReview.Functions.Idempotency;
using AnnualReview.Functions.Security;
using AnnualReview.Testing;
using AnnualReview.TaskHub.History;
using AnnualReview.Workflows.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static AnnualReview.Functions.Tests.Api.Reviews.ReviewWorld;

namespace AnnualReview.Functions.Tests.Api.Reviews;

/// <summary>
/// A request whose first attempt raised its event and then died before its answer was kept: the step has moved on
/// because of that event, and the retry with the same Idempotency-Key is answered as the first attempt would have
/// been, not told the step is closed (a client that retries 409 would otherwise retry for ever).
/// </summary>
[Collection("azurite")]
public sealed class RetryAfterTheStepMovedTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task MeetingRecord_RetriedAfterItsFirstAttemptDied_IsAccepted_AndRaisedOnce()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(2));
        await using ReviewWorld world = await ReviewWorld.StartAsync(azurite, timeout);
        string[] members = ["n01", "n02", "n03"];
        foreach (string member in members)
        {
            using HttpClient client = world.As(AppRoles.Member, OtherCell, member);
            using HttpResponseMessage submitted = await client.PostAsync($"/api/cycles/{CycleId}/members/{member}/self-review", SelfReview(), timeout);
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        }

        using HttpClient secretary = world.As(AppRoles.CellSecretary, OtherCell, "n01");
        string cell = $"/api/cycles/{CycleId}/cells/{OtherCell}";
        (await secretary.PostAsJsonAsync($"{cell}/collective-review", new { sections = new Dictionary<string, string> { ["A.I"] = "Báo cáo." } }, timeout)).EnsureSuccessStatusCode();
        (await secretary.PostAsync($"{cell}/meeting/open", null, timeout)).EnsureSuccessStatusCode();
        const string Key = "meeting-record-1";
        HttpRequestMessage Record() => new(HttpMethod.Post, $"{cell}/meeting")
        {
            Headers = { { IdempotencyOptions.Header, Key } },
            Content = JsonContent.Create(new
            {
                fullMembersConvened = 3,
                fullMembersPresent = 3,
                secretBallot = true,
                tallies = members.Select(m => new { memberId = m, votes = new Dictionary<string, int> { ["Good"] = 3 } }),
            }),
        };
        using (HttpResponseMessage first = await secretary.SendAsync(Record(), timeout))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        await WaitUntilAsync(async () => (await world.StatusAsync(OtherCell, timeout))?.GetProperty("stage").GetString() is not ("self-review" or "meeting"), timeout);

        // What a kill after the raise leaves behind: a claim nobody finished, past its lease.
        await world.App.Services.GetRequiredService<IdempotencyStore>().ReleaseAsync(IdempotencyStore.PartitionFor("n01", Key), timeout);
        using HttpResponseMessage retried = await secretary.SendAsync(Record(), timeout);

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.False(retried.Headers.Contains(IdempotencyOptions.ReplayedHeader));
        var raised = await world.App.Services.GetRequiredService<HistoryReader>().ReadEventsAsync(CycleInstanceIds.Unit(CycleId, OtherCell), "EventRaised", EventNames.MeetingRecorded, timeout);
        Assert.Single(raised);
    }
}
