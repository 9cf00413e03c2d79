using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnnualReview.Functions.Security;
using AnnualReview.Testing;
using AnnualReview.Workflows.Contracts;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AnnualReview.Functions.Tests.Api.Reviews;

/// <summary>
/// Journey 3, a late cell: two days after the self-review's due date the step is handed over to the cell's
/// secretary, who may then submit for the members still missing, and only for them.
/// </summary>
[Collection("azurite")]
public sealed class HandOverTests(AzuriteFixture azurite)
{
    private const string CycleId = "cycle-2025-hcm";

    /// <summary>
    /// 40 real seconds before the hand-over rung (12 December, 08:00 in Hồ Chí Minh City, two days after the
    /// self-review's due date): m1 submits in time, m2 and m3 do not.
    /// </summary>
    private static readonly KeyValuePair<string, string>[] BeforeHandOver =
    [
        new("Clock:Start", "2025-12-12T00:59:20Z"),
        new("Clock:Scale", "1"),
    ];

    [Fact]
    public async Task Secretary_SubmitsForAHandedOverMember_NotForOneWhoSubmittedInTime()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromMinutes(2));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, BeforeHandOver);
        await SmallCity.ImportAsync(app, timeout);
        using (HttpResponseMessage started = await app.As(AppRoles.OrganizationBoard, SmallCity.Board).PostAsJsonAsync("/api/cycles", SmallCity.Cycle(2025), timeout))
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        }

        await ReviewWorld.WaitUntilAsync(async () => await StatusAsync(app, timeout) is { } s && s.GetProperty("stage").GetString() == "self-review", timeout);
        using HttpClient m1 = app.As(AppRoles.Member, SmallCity.Q1Cell, "m1");
        using HttpClient secretary = app.As(AppRoles.CellSecretary, SmallCity.Q1Cell, language: "en");
        using (HttpResponseMessage own = await m1.PostAsync(PathOf("m2"), ReviewWorld.SelfReview(), timeout))
        {
            Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        }

        using (HttpResponseMessage early = await secretary.PostAsync(PathOf("m2"), ReviewWorld.SelfReview(), timeout))
        {
            Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        }

        using (HttpResponseMessage inTime = await m1.PostAsync(PathOf("m1"), ReviewWorld.SelfReview(), timeout))
        {
            Assert.Equal(HttpStatusCode.Created, inTime.StatusCode);
        }

        await ReviewWorld.WaitUntilAsync(async () => await StatusAsync(app, timeout) is { } s
            && s.TryGetProperty("handedOverMembers", out JsonElement list) && list.GetArrayLength() > 0, timeout);
        JsonElement status = (await StatusAsync(app, timeout))!.Value;
        Assert.Equal(["m2", "m3"], status.GetProperty("handedOverMembers").EnumerateArray().Select(e => e.GetString()));

        using HttpResponseMessage onBehalf = await secretary.PostAsync(PathOf("m2"), ReviewWorld.SelfReview(), timeout);
        using HttpResponseMessage notHandedOver = await secretary.PostAsync(PathOf("m1"), ReviewWorld.SelfReview(), timeout);
        using HttpResponseMessage otherCell = await app.As(AppRoles.CellSecretary, SmallCity.Q2Cell).PostAsync(PathOf("m3"), ReviewWorld.SelfReview(), timeout);

        Assert.Equal(HttpStatusCode.Created, onBehalf.StatusCode);
        Assert.Equal("cellsecretary@q1-g1-c1", (await onBehalf.Content.ReadFromJsonAsync<JsonElement>(timeout)).GetProperty("submittedBy").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, notHandedOver.StatusCode);
        Assert.Equal("application/problem+json", notHandedOver.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Only the member, or the cell's secretary", (await notHandedOver.Content.ReadFromJsonAsync<JsonElement>(timeout)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, otherCell.StatusCode);
        // The cell took the secretary's version as m2's review, not as a refused one.
        await ReviewWorld.WaitUntilAsync(async () => await StatusAsync(app, timeout) is { } s && s.GetProperty("submitted").GetInt32() == 2, timeout);
    }

    private static string PathOf(string memberId) => $"/api/cycles/{CycleId}/members/{memberId}/self-review";

    private static async Task<JsonElement?> StatusAsync(TestApp app, CancellationToken cancellation)
    {
        OrchestrationMetadata? metadata = await app.Services.GetRequiredService<DurableTaskClient>()
            .GetInstanceAsync(CycleInstanceIds.Unit(CycleId, SmallCity.Q1Cell), cancellation: cancellation);
        return metadata?.SerializedCustomStatus is { Length: > 0 } json ? JsonDocument.Parse(json).RootElement.Clone() : null;
    }
}
