using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnnualReview.Functions.Security;
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
        Assert.True(auditorReads.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted);
        Assert.Equal(HttpStatusCode.OK, auditorLists.StatusCode);
        await AssertProblem(auditorWrites, HttpStatusCode.Forbidden, "forbidden");
        await AssertProblem(auditorPurges, HttpStatusCode.Forbidden, "forbidden");
        await AssertProblem(boardReads, HttpStatusCode.Forbidden, "forbidden");
        await AssertProblem(anonymous, HttpStatusCode.Unauthorized, "unauthenticated");
        await AssertProblem(badKey, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string slug)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("https://annualreview.vn/problems/" + slug, body.GetProperty("type").GetString());
    }
}
