using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnnualReview.Functions.Security;
using AnnualReview.Functions.Tests.Api;
using AnnualReview.Functions.Tests.Api.Cycles;
using AnnualReview.Testing;

namespace AnnualReview.Functions.Tests.Management;

[Collection("azurite")]
public sealed class ManagementAccessTests(AzuriteFixture azurite)
{
    private const string Root = "/runtime/webhooks/durabletask";

    [Fact]
    public async Task KeyAndAdmin_MayDoEverything_AuditorOnlyReads_OthersAreRefused()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(60));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, register: ManagementEndpointsTests.Register);
        using HttpClient key = ManagementEndpointsTests.WithKey(app);
        using HttpClient codeInQuery = app.Anonymous();
        using HttpClient admin = app.As(AppRoles.Admin, null);
        using HttpClient auditor = app.As(AppRoles.Auditor, "dv-1");
        using HttpClient board = app.As(AppRoles.OrganizationBoard, "dv-1");
        using HttpClient nobody = app.Anonymous();
        using HttpClient wrongKey = app.Anonymous();
        wrongKey.DefaultRequestHeaders.Add("x-functions-key", "not-the-key");

        using HttpResponseMessage byKey = await key.PostAsJsonAsync($"{Root}/orchestrators/AwaitApproval/acl-1", new { cell = "C" }, timeout);
        using HttpResponseMessage byCode = await codeInQuery.PostAsJsonAsync($"{Root}/orchestrators/Echo/acl-2?code={TestApp.ManagementKey}", "x", timeout);
        using HttpResponseMessage byAdmin = await admin.PostAsJsonAsync($"{Root}/orchestrators/Echo/acl-3", "x", timeout);
        using HttpResponseMessage auditorReads = await auditor.GetAsync($"{Root}/instances/acl-1", timeout);
        using HttpResponseMessage auditorLists = await auditor.GetAsync($"{Root}/instances", timeout);
        using HttpResponseMessage auditorWrites = await auditor.PostAsJsonAsync($"{Root}/instances/acl-1/raiseEvent/Approve", "auditor", timeout);
        using HttpResponseMessage auditorPurges = await auditor.DeleteAsync($"{Root}/instances/acl-2", timeout);
        using HttpResponseMessage boardReads = await board.GetAsync($"{Root}/instances/acl-1", timeout);
        using HttpResponseMessage anonymous = await nobody.GetAsync($"{Root}/instances/acl-1", timeout);
        using HttpResponseMessage badKey = await wrongKey.GetAsync($"{Root}/instances/acl-1", timeout);

        Assert.Equal(HttpStatusCode.Accepted, byKey.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, byCode.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, byAdmin.StatusCode);
        // Links carry the key back only to a caller who used it.
        Assert.Contains("code=", (await byCode.Content.ReadFromJsonAsync<JsonElement>(timeout)).GetProperty("statusQueryGetUri").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("code=", (await byAdmin.Content.ReadFromJsonAsync<JsonElement>(timeout)).GetProperty("statusQueryGetUri").GetString(), StringComparison.Ordinal);
        // An orchestration started by hand names no unit, so it is for operators only.
        await AssertProblem(auditorReads, HttpStatusCode.Forbidden, "out-of-scope");
        Assert.Equal(HttpStatusCode.OK, auditorLists.StatusCode);
        Assert.DoesNotContain((await auditorLists.Content.ReadFromJsonAsync<JsonElement>(timeout)).EnumerateArray(), i => i.GetProperty("instanceId").GetString() == "acl-1");
        await AssertProblem(auditorWrites, HttpStatusCode.Forbidden, "forbidden");
        await AssertProblem(auditorPurges, HttpStatusCode.Forbidden, "forbidden");
        await AssertProblem(boardReads, HttpStatusCode.Forbidden, "forbidden");
        await AssertProblem(anonymous, HttpStatusCode.Unauthorized, "unauthenticated");
        await AssertProblem(badKey, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Auditor_ReadsTheInstancesOfTheirOwnPartOfTheTree_AndNothingElse()
    {
        CancellationToken timeout = TestTimeout.For(TimeSpan.FromSeconds(120));
        await using TestApp app = await TestApp.StartAsync(azurite, timeout, SmallCity.FastClock, register: ManagementEndpointsTests.Register);
        await SmallCity.ImportAsync(app, timeout);
        using HttpClient board = app.As(AppRoles.OrganizationBoard, SmallCity.Board);
        using HttpResponseMessage started = await board.PostAsJsonAsync("/api/cycles", SmallCity.CycleSoon(app), timeout);
        string cycle = (await SmallCity.ReadJsonAsync(started, timeout)).GetProperty("id").GetString()!;
        await CycleHelpers.WaitForCompletionAsync(board, cycle, timeout);
        using HttpClient key = ManagementEndpointsTests.WithKey(app);
        using HttpResponseMessage echo = await key.PostAsJsonAsync($"{Root}/orchestrators/Echo/by-hand", "x", timeout);
        Assert.Equal(HttpStatusCode.Accepted, echo.StatusCode);
        using HttpClient districtAuditor = app.As(AppRoles.Auditor, SmallCity.Q1);
        using HttpClient cityAuditor = app.As(AppRoles.Auditor, SmallCity.Board);
        using HttpClient admin = app.As(AppRoles.Admin, null);

        using HttpResponseMessage ownCell = await districtAuditor.GetAsync($"{Root}/instances/{cycle}~{SmallCity.Q1Cell}?showHistory=true", timeout);
        using HttpResponseMessage otherCell = await districtAuditor.GetAsync($"{Root}/instances/{cycle}~{SmallCity.Q2Cell}", timeout);
        using HttpResponseMessage wholeCycle = await districtAuditor.GetAsync($"{Root}/instances/{cycle}", timeout);
        using HttpResponseMessage cityReadsCycle = await cityAuditor.GetAsync($"{Root}/instances/{cycle}", timeout);
        using HttpResponseMessage cityReadsByHand = await cityAuditor.GetAsync($"{Root}/instances/by-hand", timeout);
        using HttpResponseMessage adminReadsByHand = await admin.GetAsync($"{Root}/instances/by-hand", timeout);

        Assert.Equal(HttpStatusCode.OK, ownCell.StatusCode);
        Assert.NotEmpty((await ownCell.Content.ReadFromJsonAsync<JsonElement>(timeout)).GetProperty("historyEvents").EnumerateArray());
        await AssertProblem(otherCell, HttpStatusCode.Forbidden, "out-of-scope");
        await AssertProblem(wholeCycle, HttpStatusCode.Forbidden, "out-of-scope");
        Assert.Equal(HttpStatusCode.OK, cityReadsCycle.StatusCode);
        await AssertProblem(cityReadsByHand, HttpStatusCode.Forbidden, "out-of-scope");
        Assert.True(adminReadsByHand.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted);

        // Lists are filtered the same way, page by page.
        string[] districtSees = await ListAllAsync(districtAuditor, timeout);
        string[] citySees = await ListAllAsync(cityAuditor, timeout);
        string[] adminSees = await ListAllAsync(admin, timeout);
        Assert.Equal([$"{cycle}~{SmallCity.Q1}", $"{cycle}~{SmallCity.Q1Grassroots}", $"{cycle}~{SmallCity.Q1Cell}"], districtSees.Order(StringComparer.Ordinal));
        string[] wholeTree = [cycle, .. SmallCity.Units.Select(u => $"{cycle}~{u}")];
        Assert.Equal(wholeTree.Order(StringComparer.Ordinal), citySees.Order(StringComparer.Ordinal));
        Assert.Equal(wholeTree.Append("by-hand").Order(StringComparer.Ordinal), adminSees.Order(StringComparer.Ordinal));
    }

    /// <summary>Every instance id the caller may read, following continuations with pages of 2.</summary>
    private static async Task<string[]> ListAllAsync(HttpClient http, CancellationToken timeout)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Root}/instances?top=2");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            using HttpResponseMessage page = await http.SendAsync(request, timeout);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            ids.AddRange((await page.Content.ReadFromJsonAsync<JsonElement>(timeout)).EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!));
            token = page.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
        }
        while (token is not null);
        return [.. ids];
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string slug)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://annualreview.vn/problems/" + slug, body.GetProperty("type").GetString());
    }
}
